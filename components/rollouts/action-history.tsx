import type { RolloutActionView } from "@/lib/rollouts/rollout-view";
import { formatUtc } from "@/lib/ui/format";
import { GatesTable } from "./gates-table";

const VERDICTS = { pass: "passing", fail: "failing", "insufficient-data": "without enough data" } as const;

/** The gates an action was decided on, folded: the record of why a step moved, after the rollout ends. */
function DecidedOnGates({ gates }: { gates: NonNullable<RolloutActionView["gates"]> }) {
  const window = gates.window ? ` over ${formatUtc(gates.window.from)} to ${formatUtc(gates.window.to)}` : "";
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-ink-muted">
        Decided on {VERDICTS[gates.verdict]} gates{gates.frozen ? " during an SLO freeze" : ""}
      </summary>
      <GatesTable judgement={gates} caption={`The step's gates as judged when this action was taken${window}.`} testId="action-gates" />
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
          {action.gates && <DecidedOnGates gates={action.gates} />}
        </li>
      ))}
    </ol>
  );
}
