const STYLES: Record<string, string> = {
  FINISHED: "bg-ok-bg text-ok",
  FAILED: "bg-bad-bg text-bad",
  KILLED: "bg-warn-bg text-warn",
};

/** A run's status in words, colored; the word carries the meaning, the color only helps. */
export function RunStatusBadge({ status, deleted = false }: { status: string; deleted?: boolean }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${STYLES[status] ?? "border border-line text-ink"}`}>
        {status.charAt(0) + status.slice(1).toLowerCase()}
      </span>
      {deleted && <span className="inline-block rounded border border-line px-2 py-0.5 text-xs text-ink-muted">Deleted</span>}
    </span>
  );
}
