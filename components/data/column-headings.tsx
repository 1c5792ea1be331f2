/** A column heading: its text, and its own classes when it differs from the rest (a number column, the last one). */
export type ColumnHeading = string | { label: string; className: string };

const HEADING = "py-2 pr-4 font-medium";

/** A table's header row: one `th scope="col"` per column, muted above a rule. */
export function ColumnHeadings({ columns }: { columns: readonly ColumnHeading[] }) {
  return (
    <thead>
      <tr className="border-b border-line text-ink-muted">
        {columns.map((column, index) => {
          const { label, className } = typeof column === "string" ? { label: column, className: HEADING } : column;
          return (
            <th key={`${index}:${label}`} scope="col" className={className}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
