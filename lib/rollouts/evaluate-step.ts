import "server-only";
import type { Rollout } from "@/lib/db/generated/client";
import { judgeStep } from "@/lib/domain/canary-judge";
import { templateContentSchema } from "@/lib/domain/rollout-plan";
import type { StepEvaluation } from "./rollout-deps";
import { judgeArms } from "./telemetry/arm-telemetry";
import { readArmKpis, readArmStats, readAvailabilityBudget, type TelemetryReads } from "./telemetry/read-arm-stats";

const BASELINE_LOOKBACK_MS = 15 * 60_000;

/**
 * The current step's gates: Log Analytics summarizes the step's window per deployment (cached per
 * refresh interval, so the step view, its pollers and the auto evaluator share one query), and the
 * judge compares candidate and baseline. A shadow step judges the candidate's mirrored copies.
 */
export async function evaluateRolloutStep(reads: TelemetryReads, rollout: Rollout): Promise<StepEvaluation> {
  const plan = templateContentSchema.parse(rollout.plan);
  const step = plan.steps[rollout.currentStep]!;
  const window = { kind: "fixed" as const, from: rollout.stepStartedAt, to: null };
  // At 100 % the baseline serves nothing in the step's window: it is judged on its last
  // BASELINE_LOOKBACK_MS of live traffic before the step began.
  const fullCandidate = step.kind === "live" && step.percent === 100;
  const baselineWindow = { kind: "fixed" as const, from: new Date(rollout.stepStartedAt.getTime() - BASELINE_LOOKBACK_MS), to: rollout.stepStartedAt };
  const [stats, baselineStats, kpis, budget] = await Promise.all([
    readArmStats(reads, rollout.endpoint, window),
    fullCandidate ? readArmStats(reads, rollout.endpoint, baselineWindow) : Promise.resolve(null),
    readArmKpis(reads, rollout.endpoint, window).catch(() => null),
    readAvailabilityBudget(reads, rollout.endpoint).catch(() => null),
  ]);
  const baselineArm = baselineStats?.value.arms.find((arm) => arm.deployment === rollout.baselineDeployment);
  const arms = judgeArms({
    arms: baselineArm ? [...stats.value.arms.filter((arm) => arm.deployment !== rollout.baselineDeployment), baselineArm] : stats.value.arms,
    kpis: kpis?.value.kpis ?? null,
    baseline: rollout.baselineDeployment,
    candidate: rollout.candidateDeployment,
    candidateTraffic: step.kind === "shadow" ? "mirrored" : "live",
  });
  const judgement = judgeStep({ ...arms, thresholds: plan.thresholds, budgetRemaining: budget?.value.budget.remaining ?? null });
  const notes = [
    stats.staleBecause ? `Log Analytics is not answering; numbers as of ${stats.asOf} (${stats.staleBecause}).` : null,
    budget ? null : "The availability error budget could not be read, so no SLO freeze is applied.",
    fullCandidate ? `The candidate takes all traffic: the baseline is judged on its live traffic in the ${BASELINE_LOOKBACK_MS / 60_000} minutes before this step.` : null,
    step.kind === "shadow" ? "Shadow step: the candidate's mirrored copies are compared with the baseline's live requests; they reach no customer, so they have no KPI." : null,
  ].filter(Boolean);
  return { judgement, window: stats.value.window, asOf: stats.asOf, note: notes.length > 0 ? notes.join(" ") : null };
}
