import type { ReactNode } from "react";
import { ColumnHeadings } from "@/components/data/column-headings";

interface ChartValuesTableProps {
  /** The disclosure's text, e.g. "Values as a table (40 points)". */
  summary: string;
  /** Names the scrolling region for screen readers. */
  regionLabel: string;
  caption: ReactNode;
  columns: readonly string[];
  /** The rows (`tr`), one per point or bin. */
  children: ReactNode;
}

/** A chart's values as a table under a disclosure: the chart's full text alternative, scrolling in place. */
export function ChartValuesTable({ summary, regionLabel, caption, columns, children }: ChartValuesTableProps) {
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-accent underline">{summary}</summary>
      <div className="relative max-h-56 overflow-y-auto" tabIndex={0} role="region" aria-label={regionLabel}>
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">{caption}</caption>
          <ColumnHeadings columns={columns.map((label) => ({ label, className: "py-1 pr-4 font-medium" }))} />
          <tbody>{children}</tbody>
        </table>
      </div>
    </details>
  );
}
