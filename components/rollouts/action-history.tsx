import type { RolloutActionView } from "@/lib/rollouts/rollout-view";
import { formatUtc } from "@/lib/ui/format";
import { GatesTable } from "./gates-table";

const DECIDED_ON = {
  pass: "Decided on passing gates",
  fail: "Decided on failing gates",
  "insufficient-data": "Decided before the gates had enough data",
  unknown: "Decided while the gates were unknown",
} as const;

/** The gates an action was decided on, folded: the record of why a step moved, after the rollout ends. */
function DecidedOnGates({ action, gates }: { action: RolloutActionView; gates: NonNullable<RolloutActionView["gates"]> }) {
  const span = gates.window ? `, over ${formatUtc(gates.window.from)} to ${formatUtc(gates.window.to)}` : "";
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-ink-muted">
        {DECIDED_ON[gates.verdict]}
        {gates.frozen ? " during an SLO freeze" : ""}
      </summary>
      <div className="overflow-x-auto">
        <GatesTable judgement={gates} caption={`Gates of step ${action.fromStep + 1} when ${action.actor} took the ${action.action} at ${formatUtc(action.at)}${span}.`} testId="action-gates" />
      </div>
    </details>
  );
}

export function ActionHistory({ actions }: { actions: RolloutActionView[] }) {
  return (
    <ol className="space-y-1 border-l-2 border-line pl-4 text-sm" data-testid="rollout-actions">
      {actions.map((action) => (
        <li key={action.revision} data-action={action.action}>
          <time className="text-ink-muted" dateTime={action.at}>{formatUtc(action.at)}</time> <strong>{action.actor}</strong> {action.action}
          {action.toStep !== action.fromStep && ` (step ${action.fromStep + 1} → ${action.toStep + 1})`}
          {action.reason && <span className="block text-ink-muted">Reason: {action.reason}</span>}
          {action.gates && <DecidedOnGates action={action} gates={action.gates} />}
        </li>
      ))}
    </ol>
  );
}
