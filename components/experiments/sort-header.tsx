import Link from "next/link";
import type { ReactNode } from "react";

interface SortHeaderProps {
  children: ReactNode;
  /** Where the header's link goes: the same view sorted by this column. */
  href: string | null;
  sorted: "ascending" | "descending" | null;
  /** The direction the link sorts in, for screen readers. */
  next: "ascending" | "descending";
  className?: string;
}

/** A column header that sorts by its column; the sorted one carries aria-sort and an arrow. */
export function SortHeader({ children, href, sorted, next, className = "" }: SortHeaderProps) {
  const arrow = sorted === "ascending" ? "▲" : sorted === "descending" ? "▼" : "";
  return (
    <th scope="col" aria-sort={sorted ?? undefined} className={`whitespace-nowrap py-2 pr-4 align-bottom font-medium ${className}`}>
      {href ? (
        <Link href={href} className="inline-flex items-center gap-1 rounded hover:underline" data-sorted={sorted ?? undefined}>
          <span>{children}</span>
          <span aria-hidden="true" className="text-xs">
            {arrow}
          </span>
          <span className="sr-only">(sort {next})</span>
        </Link>
      ) : (
        children
      )}
    </th>
  );
}
