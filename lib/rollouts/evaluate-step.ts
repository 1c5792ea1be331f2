import "server-only";
import type { Rollout } from "@/lib/db/generated/client";
import { judgeStep } from "@/lib/domain/canary-judge";
import { templateContentSchema } from "@/lib/domain/rollout-plan";
import type { StepEvaluation } from "./rollout-deps";
import { judgeArms } from "./telemetry/arm-telemetry";
import { readArmKpis, readArmStats, readAvailabilityBudget, type TelemetryReads } from "./telemetry/read-arm-stats";

/**
 * The current step's gates: Log Analytics summarizes the step's window per deployment (cached per
 * refresh interval, so the step view, its pollers and the auto evaluator share one query), and the
 * judge compares candidate and baseline. A shadow step judges the candidate's mirrored copies.
 */
export async function evaluateRolloutStep(reads: TelemetryReads, rollout: Rollout): Promise<StepEvaluation> {
  const plan = templateContentSchema.parse(rollout.plan);
  const step = plan.steps[rollout.currentStep]!;
  const window = { kind: "fixed" as const, from: rollout.stepStartedAt, to: null };
  const [stats, kpis, budget] = await Promise.all([
    readArmStats(reads, rollout.endpoint, window),
    readArmKpis(reads, rollout.endpoint, window).catch(() => null),
    readAvailabilityBudget(reads, rollout.endpoint).catch(() => null),
  ]);
  const arms = judgeArms({
    arms: stats.value.arms,
    kpis: kpis?.value.kpis ?? null,
    baseline: rollout.baselineDeployment,
    candidate: rollout.candidateDeployment,
    candidateTraffic: step.kind === "shadow" ? "mirrored" : "live",
  });
  const judgement = judgeStep({ ...arms, thresholds: plan.thresholds, budgetRemaining: budget?.value.budget.remaining ?? null });
  const notes = [
    stats.staleBecause ? `Log Analytics is not answering; numbers as of ${stats.asOf} (${stats.staleBecause}).` : null,
    budget ? null : "The availability error budget could not be read, so no SLO freeze is applied.",
    step.kind === "shadow" ? "Shadow step: the candidate's mirrored copies are compared with the baseline's live requests; they reach no customer, so they have no KPI." : null,
  ].filter(Boolean);
  return { judgement, window: stats.value.window, asOf: stats.asOf, note: notes.length > 0 ? notes.join(" ") : null };
}
