import type { RolloutActionView } from "@/lib/rollouts/rollout-view";
import { formatUtc } from "@/lib/ui/format";

export function ActionHistory({ actions }: { actions: RolloutActionView[] }) {
  return (
    <ol className="space-y-1 border-l-2 border-line pl-4 text-sm" data-testid="rollout-actions">
      {actions.map((action) => (
        <li key={action.revision} data-action={action.action}>
          <time className="text-ink-muted" dateTime={action.at}>{formatUtc(action.at)}</time> <strong>{action.actor}</strong> {action.action}
          {action.toStep !== action.fromStep && ` (step ${action.fromStep + 1} → ${action.toStep + 1})`}
          {action.reason && <span className="block text-ink-muted">Reason: {action.reason}</span>}
        </li>
      ))}
    </ol>
  );
}
