import type { ReactNode } from "react";

interface KeyValueTableProps {
  caption: string;
  keyLabel?: string;
  valueLabel?: string;
  rows: { key: string; value: ReactNode }[];
  testId?: string;
  /** Shown instead of an empty table. */
  empty?: string;
}

/** Params, tags and the like: a key per row, the value beside it, long values wrapped. */
export function KeyValueTable({ caption, keyLabel = "Key", valueLabel = "Value", rows, testId, empty }: KeyValueTableProps) {
  if (rows.length === 0 && empty) return <p className="text-sm text-ink-muted">{empty}</p>;
  return (
    <table className="w-full border-collapse text-left text-sm" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-line text-ink-muted">
          <th scope="col" className="py-2 pr-4 font-medium">
            {keyLabel}
          </th>
          <th scope="col" className="py-2 font-medium">
            {valueLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-b border-line align-top">
            <th scope="row" className="py-1.5 pr-4 font-mono text-xs font-normal leading-5 break-all">
              {row.key}
            </th>
            <td className="whitespace-pre-wrap break-all py-1.5 font-mono text-xs leading-5">{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
