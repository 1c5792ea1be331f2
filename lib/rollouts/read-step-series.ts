import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { PrismaClient } from "@/lib/db/generated/client";
import { RefusedError } from "@/lib/errors/refused-error";
import { settleUpstream } from "@/lib/sources/upstream-error";
import type { ArmSeries } from "./telemetry/arm-telemetry";
import { readArmSeries, type TelemetryReads, type WindowBounds } from "./telemetry/read-arm-stats";

export interface StepSeries {
  /** Latency and error rate per minute of the baseline and the candidate over the current step; null once the rollout is over. */
  chart: { window: WindowBounds; binMs: number; series: ArmSeries[]; roles: Record<string, "baseline" | "candidate">; asOf: string } | null;
  /** Why Log Analytics could not be read, when it could not. */
  problem: string | null;
}

/** The step view's charts: one cached KQL summarize per bin, refreshed with the gates' interval. */
export async function readStepSeries(ctx: RequestContext, input: { id: string }, deps: { prisma: PrismaClient; telemetryReads: () => TelemetryReads }): Promise<StepSeries> {
  requirePermission(ctx, "rollouts:read");
  const id = z.uuid().safeParse(input.id);
  const rollout = id.success ? await deps.prisma.rollout.findUnique({ where: { id: id.data } }) : null;
  if (!rollout) throw new RefusedError("not_found", "There is no such rollout.");
  if (rollout.status !== "running" && rollout.status !== "paused") return { chart: null, problem: null };
  const reading = await settleUpstream(() => readArmSeries(deps.telemetryReads(), rollout.endpoint, { kind: "fixed", from: rollout.stepStartedAt, to: null }));
  if (!reading.value) return { chart: null, problem: reading.problem };
  const roles = { [rollout.baselineDeployment]: "baseline", [rollout.candidateDeployment]: "candidate" } as const;
  const series = reading.value.value.series.filter((arm) => arm.deployment in roles);
  return { chart: { window: reading.value.value.window, binMs: reading.value.value.binMs, series, roles, asOf: reading.value.asOf }, problem: null };
}
