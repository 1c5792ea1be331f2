import Link from "next/link";

/** MLflow pages forward only, by token: the first page and the next one are what can be linked. */
export function PagingNav({ label, firstHref, nextHref, isFirstPage }: { label: string; firstHref: string; nextHref: string | null; isFirstPage: boolean }) {
  if (isFirstPage && !nextHref) return null;
  return (
    <nav aria-label={label} className="flex items-center gap-4 text-sm">
      {isFirstPage ? (
        <span className="text-ink-muted" aria-current="page">
          First page
        </span>
      ) : (
        <Link href={firstHref} className="text-accent underline">
          First page
        </Link>
      )}
      {nextHref ? (
        <Link href={nextHref} className="text-accent underline" rel="next" data-testid="next-page">
          Next page
        </Link>
      ) : (
        <span className="text-ink-muted">Last page</span>
      )}
    </nav>
  );
}
