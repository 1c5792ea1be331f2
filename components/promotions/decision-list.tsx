import type { DecisionView } from "@/lib/promotions/request-view";
import { formatUtc } from "@/lib/ui/format";
import { StateBadge } from "./state-badge";

export function DecisionList({ decisions }: { decisions: DecisionView[] }) {
  if (decisions.length === 0) return <p className="text-sm text-ink-muted">No decisions yet.</p>;
  return (
    <ol className="space-y-3" data-testid="decisions">
      {decisions.map((decision) => (
        <li key={decision.id} className="rounded border border-line p-3 text-sm">
          <p>
            <StateBadge state={decision.outcome} /> by <strong>{decision.decidedBy}</strong> at{" "}
            <time dateTime={decision.createdAt}>{formatUtc(decision.createdAt)}</time>
          </p>
          {decision.comment && <p className="mt-1 whitespace-pre-wrap">{decision.comment}</p>}
          {decision.overrideReason && (
            <p className="mt-1 whitespace-pre-wrap" data-testid="override-reason">
              <strong>Override of failing rules:</strong> {decision.overrideReason}
            </p>
          )}
          <p className="mt-1 text-xs text-ink-muted">
            Evidence sha256 <span className="break-all font-mono" data-testid="evidence-sha256">{decision.evidenceSha256}</span>
          </p>
        </li>
      ))}
    </ol>
  );
}
