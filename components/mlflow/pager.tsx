import Link from "next/link";

interface PagerProps {
  label: string;
  /** The first page, when a link to it is more than the previous page's. */
  firstHref: string | null;
  /** Only where the URL carries the pages walked (see lib/experiments/page-trail.ts). */
  previousHref?: string | null;
  nextHref: string | null;
  /** Where this page sits, e.g. "Page 2 (26–50)", when known. */
  position?: string | null;
}

const LINK = "rounded border border-line px-3 py-1.5 text-sm hover:bg-surface-raised";

/** The one pager of MLflow's lists: MLflow pages forward with tokens, so next is always a token's page. */
export function Pager({ label, firstHref, previousHref = null, nextHref, position = null }: PagerProps) {
  if (!firstHref && !previousHref && !nextHref) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2">
      {firstHref && (
        <Link href={firstHref} className={LINK}>
          First page
        </Link>
      )}
      {previousHref && (
        <Link href={previousHref} className={LINK} rel="prev">
          Previous page
        </Link>
      )}
      {position && (
        <span className="px-2 text-sm text-ink-muted" data-testid="page-position">
          {position}
        </span>
      )}
      {nextHref ? (
        <Link href={nextHref} className={LINK} rel="next" data-testid="next-page">
          Next page
        </Link>
      ) : (
        <span className="px-2 text-sm text-ink-muted">Last page</span>
      )}
    </nav>
  );
}
