import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { invalidInput, notFound } from "@/lib/errors/refused-error";
import { settleUpstream } from "@/lib/errors/upstream-problem";
import type { Services } from "@/lib/services/services";
import { findRollout } from "./rollout-records";
import { toActionView } from "./rollout-view";
import { stepSummaries } from "./step-history";
import type { DeploymentSeries } from "./telemetry/deployment-telemetry";
import { readDeploymentSeries, type WindowBounds } from "./telemetry/read-deployment-stats";
import type { TelemetryWindow } from "./telemetry/telemetry-window";

export interface StepSeries {
  /** Latency and error rate per bin of the baseline and the candidate over the step's window; null when there is no step to chart. */
  chart: { window: WindowBounds; binMs: number; series: DeploymentSeries[]; roles: Record<string, "baseline" | "candidate">; asOf: string } | null;
  /** Why Log Analytics could not be read, when it could not. */
  problem: string | null;
}

const stepInput = z.object({ id: z.string(), step: z.coerce.number().int().min(0).max(100).optional() });

/**
 * A step's charts: one cached KQL summarize per bin. Without `step`, the current step of a running
 * or paused rollout (refreshed with the gates' interval); with it, any step the rollout reached, over
 * the window the history gives it (a finished step's window is closed, so its answer stays the same).
 */
export async function readStepSeries(ctx: RequestContext, rawInput: { id: string; step?: number | string | null }, services: Pick<Services, "db" | "logAnalytics" | "now">): Promise<StepSeries> {
  requirePermission(ctx, "rollouts:read");
  const parsed = stepInput.safeParse({ ...rawInput, step: rawInput.step ?? undefined });
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const rollout = await findRollout(services.db, parsed.data.id);
  const active = rollout.status === "running" || rollout.status === "paused";
  const step = parsed.data.step ?? (active ? rollout.currentStep : null);
  if (step === null) return { chart: null, problem: null };
  let window: TelemetryWindow;
  if (active && step === rollout.currentStep) {
    window = { kind: "fixed", from: rollout.stepStartedAt, to: null };
  } else {
    const actions = await services.db.rolloutAction.findMany({ where: { rolloutId: rollout.id }, orderBy: { revision: "asc" } });
    const summary = stepSummaries(actions.map(toActionView)).find((entry) => entry.index === step && entry.window.to !== null);
    if (!summary) throw notFound(`This rollout has no finished step ${step + 1}.`);
    window = { kind: "fixed", from: new Date(summary.window.from), to: new Date(summary.window.to!) };
  }
  const reading = await settleUpstream(() => readDeploymentSeries(services, rollout.endpoint, window));
  if (!reading.value) return { chart: null, problem: reading.problem.message };
  const roles = { [rollout.baselineDeployment]: "baseline", [rollout.candidateDeployment]: "candidate" } as const;
  const series = reading.value.value.series.filter((entry) => entry.deployment in roles);
  return { chart: { window: reading.value.value.window, binMs: reading.value.value.binMs, series, roles, asOf: reading.value.asOf }, problem: null };
}
