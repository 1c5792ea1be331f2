import type { RolloutStepSummary } from "@/lib/rollouts/read-rollout";
import type { RolloutView } from "@/lib/rollouts/rollout-view";
import { formatUtc } from "@/lib/ui/format";
import { GatesTable } from "./gates-table";
import { StepChartsOnDemand } from "./step-charts-on-demand";

const LEFT_BY: Record<string, string> = { advance: "advanced", complete: "completed the rollout", rollback: "rolled back", abort: "aborted" };

/**
 * Whether the completion rested on KPI evidence. Labels arrive days after predictions, so a
 * rollout can reach 100 % having seen only latency and errors; the completed rollout says so, and
 * who confirmed it.
 */
export function CompletionKpiNote({ rollout, steps, kpiJudged }: { rollout: RolloutView; steps: RolloutStepSummary[]; kpiJudged: boolean }) {
  if (rollout.status !== "completed") return null;
  if (kpiJudged) {
    return (
      <p className="text-sm" data-testid="completion-kpi" data-kpi-judged="true">
        The business KPI gate was judged on outcomes in at least one step.
      </p>
    );
  }
  const completion = steps.at(-1)?.leftBy;
  const by = completion ? `${completion.actor} completed it at ${formatUtc(completion.at)}` : "It was completed";
  const asked = rollout.completionConfirmationRequestedAt;
  return (
    <p role="note" className="rounded border border-warn bg-warn-bg p-2 text-sm" data-testid="completion-kpi" data-kpi-judged="false">
      Completed without KPI evidence: the business KPI gate had insufficient data in every step (its outcomes had not arrived).{" "}
      {asked ? `Auto mode stopped short of completing at ${formatUtc(asked)} to ask an ML lead to confirm; ${by}.` : `${by}.`}
    </p>
  );
}

/** Each step a finished rollout went through: its window, what left it, the gates that was decided on, and its charts on demand. */
export function StepSummaries({ rollout, steps }: { rollout: RolloutView; steps: RolloutStepSummary[] }) {
  return (
    <ol className="space-y-3" data-testid="step-summaries">
      {steps.map((step) => {
        const label = rollout.steps[step.index]?.label ?? `Step ${step.index + 1}`;
        const left = step.leftBy;
        const window = `${formatUtc(step.window.from)} to ${step.window.to ? formatUtc(step.window.to) : "now"}`;
        return (
          <li key={step.index} className="space-y-2 rounded border border-line p-3" data-testid="step-summary" data-step={step.index} data-verdict={left?.gates?.verdict ?? "none"}>
            <h3 className="font-semibold">
              Step {step.index + 1}: {label}
            </h3>
            <p className="text-sm text-ink-muted">
              Live from {window}
              {left ? `; ${left.actor} ${LEFT_BY[left.action] ?? left.action} at ${formatUtc(left.at)}.` : "."}
              {left?.reason && <span className="block">Reason: {left.reason}</span>}
            </p>
            {left?.gates ? (
              <div className="overflow-x-auto">
                <GatesTable
                  judgement={left.gates}
                  caption={`Gates of step ${step.index + 1} when ${left.actor} ${LEFT_BY[left.action] ?? left.action}${left.gates.window ? `, over ${formatUtc(left.gates.window.from)} to ${formatUtc(left.gates.window.to)}` : ""}.`}
                  testId="step-summary-gates"
                />
              </div>
            ) : (
              <p className="text-sm text-ink-muted">No gates were recorded for this step: it was left by a {left?.action ?? "later action"}, which needs none.</p>
            )}
            <StepChartsOnDemand id={rollout.id} step={step.index} />
          </li>
        );
      })}
    </ol>
  );
}
