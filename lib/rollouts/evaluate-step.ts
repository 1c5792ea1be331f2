import "server-only";
import type { Rollout } from "@/lib/db/generated/client";
import { judgeStep, type SourceFreshness, type StepJudgement } from "@/lib/domain/canary-judge";
import { templateContentSchema } from "@/lib/domain/rollout-plan";
import { LOG_ANALYTICS_FRESH_MS } from "@/lib/sources/log-analytics";
import { baselineAndCandidate } from "./telemetry/deployment-telemetry";
import { AVAILABILITY_REFRESH_MS, readAvailabilityBudget, readDeploymentKpis, readDeploymentStats, type Reading, type TelemetryServices } from "./telemetry/read-deployment-stats";

export interface StepEvaluation {
  judgement: StepJudgement;
  window: { from: string; to: string };
  asOf: string;
  note: string | null;
  /**
   * Reads this judgement needed that Log Analytics failed (their last good answer, or nothing, was
   * used instead); empty when every read succeeded. Auto mode counts an unknown verdict with such
   * problems as an evaluation error.
   */
  readProblems: string[];
}

const BASELINE_LOOKBACK_MS = 15 * 60_000;
const GATE_READ = { forVerdict: true } as const;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** How current a reading is, for the judge; a failed read has no age. */
function freshnessOf(services: TelemetryServices, readings: (Reading<unknown> | null)[], maxAgeMs: number): SourceFreshness {
  const read = readings.filter((reading): reading is Reading<unknown> => reading !== null);
  const oldest = Math.min(...read.map((reading) => Date.parse(reading.asOf)));
  return { ageMs: services.now().getTime() - oldest, maxAgeMs, problem: read.find((reading) => reading.staleBecause)?.staleBecause ?? null };
}

/**
 * The current step's gates: Log Analytics summarizes the step's window per deployment (cached, so
 * the step view, its pollers and the auto evaluator share one query per refresh), and the judge
 * compares candidate and baseline. A shadow step judges the candidate's mirrored copies. Numbers
 * older than their refresh interval, unreadable KPI outcomes and an unreadable error budget make
 * the verdict unknown (the judge says which); only the step's own request numbers are required:
 * without any reading of them this throws.
 */
export async function evaluateRolloutStep(services: TelemetryServices, rollout: Rollout): Promise<StepEvaluation> {
  const plan = templateContentSchema.parse(rollout.plan);
  const step = plan.steps[rollout.currentStep]!;
  const window = { kind: "fixed" as const, from: rollout.stepStartedAt, to: null };
  // At 100 % the baseline serves nothing in the step's window: it is judged on its last
  // BASELINE_LOOKBACK_MS of live traffic before the step began.
  const fullCandidate = step.kind === "live" && step.percent === 100;
  const baselineWindow = { kind: "fixed" as const, from: new Date(rollout.stepStartedAt.getTime() - BASELINE_LOOKBACK_MS), to: rollout.stepStartedAt };
  const [stats, baselineStats, kpis, budget] = await Promise.all([
    readDeploymentStats(services, rollout.endpoint, window, GATE_READ),
    fullCandidate ? readDeploymentStats(services, rollout.endpoint, baselineWindow, GATE_READ) : Promise.resolve(null),
    readDeploymentKpis(services, rollout.endpoint, window, GATE_READ).catch((error: unknown) => ({ failed: messageOf(error) })),
    readAvailabilityBudget(services, rollout.endpoint, GATE_READ).catch((error: unknown) => ({ failed: messageOf(error) })),
  ]);
  const kpiReading = "failed" in kpis ? null : kpis;
  const budgetReading = "failed" in budget ? null : budget;
  const baseline = baselineStats?.value.deployments.find((entry) => entry.deployment === rollout.baselineDeployment);
  const compared = baselineAndCandidate({
    deployments: baseline ? [...stats.value.deployments.filter((entry) => entry.deployment !== rollout.baselineDeployment), baseline] : stats.value.deployments,
    kpis: kpiReading?.value.kpis ?? null,
    baseline: rollout.baselineDeployment,
    candidate: rollout.candidateDeployment,
    candidateTraffic: step.kind === "shadow" ? "mirrored" : "live",
  });
  const requests = freshnessOf(services, [stats, baselineStats], LOG_ANALYTICS_FRESH_MS);
  // Mirrored copies reach no customer, so a shadow step has no KPI to be unsure of.
  const kpi =
    step.kind === "shadow"
      ? undefined
      : kpiReading
        ? freshnessOf(services, [kpiReading], LOG_ANALYTICS_FRESH_MS)
        : { ageMs: null, maxAgeMs: LOG_ANALYTICS_FRESH_MS, problem: "failed" in kpis ? kpis.failed : null };
  const budgetFreshness = budgetReading
    ? freshnessOf(services, [budgetReading], AVAILABILITY_REFRESH_MS)
    : { ageMs: null, maxAgeMs: AVAILABILITY_REFRESH_MS, problem: "failed" in budget ? budget.failed : null };
  const judgement = judgeStep({
    ...compared,
    thresholds: plan.thresholds,
    budgetRemaining: budgetReading?.value.budget.remaining ?? null,
    budgetSlo: budgetReading ? { id: budgetReading.value.slo.sloId, target: budgetReading.value.slo.target } : undefined,
    freshness: { requests, kpi, budget: budgetFreshness },
  });
  const readProblems = [requests.problem, kpi?.problem, budgetFreshness.problem].filter((problem): problem is string => Boolean(problem));
  const notes = [
    fullCandidate ? `The candidate takes all traffic: the baseline is judged on its live traffic in the ${BASELINE_LOOKBACK_MS / 60_000} minutes before this step.` : null,
    step.kind === "shadow" ? "Shadow step: the candidate's mirrored copies are compared with the baseline's live requests; they reach no customer, so they have no KPI." : null,
  ].filter(Boolean);
  return { judgement, window: stats.value.window, asOf: stats.asOf, note: notes.length > 0 ? notes.join(" ") : null, readProblems: [...new Set(readProblems)] };
}
