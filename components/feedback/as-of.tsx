import { formatAge, formatUtc } from "@/lib/ui/format";

/**
 * When cached upstream data was read, and a warning when it is the last good copy because the
 * upstream failed: the page still shows it, with its age and the reason.
 */
export function AsOf({ source, asOf, staleBecause, now }: { source: string; asOf: string; staleBecause?: string; now?: string }) {
  const age = formatAge(asOf, now ? new Date(now) : undefined);
  if (!staleBecause) {
    return (
      <p className="text-xs text-ink-muted" data-testid="as-of">
        From {source}, as of <time dateTime={asOf}>{formatUtc(asOf)}</time>.
      </p>
    );
  }
  return (
    <div role="status" className="rounded border border-warn bg-warn-bg p-3 text-sm" data-testid="stale-data">
      <p className="font-medium">
        {source} is not answering: showing the last good data, {age} old (as of <time dateTime={asOf}>{formatUtc(asOf)}</time>).
      </p>
      <p className="text-ink-muted">{staleBecause} The page refreshes the data once {source} answers again.</p>
    </div>
  );
}
