import { formatUtc } from "@/lib/ui/format";

export interface TimelineItem {
  seq: string;
  at: string;
  actor: string;
  action: string;
  data: unknown;
}

function describe(item: TimelineItem): string {
  const data = (item.data ?? {}) as Record<string, unknown>;
  switch (item.action) {
    case "promotion.requested":
      return `requested promotion to ${String(data.targetAlias)}${data.policyPassed ? " (policy passing)" : " (policy not passing)"}`;
    case "promotion.approved":
      return `approved${data.overrideReason ? " with an override" : ""}${data.quorumReached ? ": quorum reached" : ""}`;
    case "promotion.rejected":
      return "rejected the request";
    case "promotion.expired":
      return "the request expired";
    case "alias.moved":
      return `alias ${String(data.alias)} moved to v${String(data.version)}${data.previousVersion ? ` (from v${String(data.previousVersion)})` : ""}`;
    case "alias.apply_failed":
      return `could not set alias ${String(data.alias)}: ${String(data.error)}`;
    default:
      return item.action;
  }
}

/** What happened to a version in Stagegate, oldest first: requests, decisions, alias moves. */
export function Timeline({ items }: { items: TimelineItem[] }) {
  if (items.length === 0) return <p className="text-sm text-ink-muted">Nothing has happened to this version in Stagegate yet.</p>;
  return (
    <ol className="space-y-2 border-l-2 border-line pl-4 text-sm" data-testid="timeline">
      {items.map((item) => (
        <li key={item.seq} data-action={item.action}>
          <time className="text-ink-muted" dateTime={item.at}>
            {formatUtc(item.at)}
          </time>{" "}
          <strong>{item.actor}</strong> {describe(item)}
        </li>
      ))}
    </ol>
  );
}
