import Link from "next/link";
import { FIRST_PAGE, nextPosition, pageNumber, previousPosition, type PagePosition } from "@/lib/experiments/page-trail";

interface PagerProps {
  label: string;
  position: PagePosition;
  nextPageToken: string | null;
  hrefFor: (position: PagePosition) => string;
  /** Items on this page. */
  count: number;
  size: number;
}

const LINK = "rounded border border-line px-3 py-1.5 text-sm hover:bg-surface-raised";

/** MLflow pages forward with tokens: first, previous (from the URL's trail) and next. */
export function Pager({ label, position, nextPageToken, hrefFor, count, size }: PagerProps) {
  const previous = previousPosition(position);
  if (!previous && !nextPageToken) return null;
  const number = pageNumber(position);
  const from = number !== null ? (number - 1) * size + 1 : null;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2">
      {previous?.token && (
        <Link href={hrefFor(FIRST_PAGE)} className={LINK}>
          First page
        </Link>
      )}
      {previous && (
        <Link href={hrefFor(previous)} className={LINK} rel="prev">
          Previous page
        </Link>
      )}
      <span className="px-2 text-sm text-ink-muted" data-testid="page-position">
        {number !== null ? `Page ${number}` : "A later page"}
        {from !== null && count > 0 ? ` (${from}–${from + count - 1})` : ""}
      </span>
      {nextPageToken && (
        <Link href={hrefFor(nextPosition(position, nextPageToken))} className={LINK} rel="next">
          Next page
        </Link>
      )}
    </nav>
  );
}
