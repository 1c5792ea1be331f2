import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { invalidInput } from "@/lib/errors/refused-error";
import { azureMlNameSchema, type ArmTelemetry } from "./arm-telemetry";
import { appTelemetryReads, readArmStats, type TelemetryReads, type WindowBounds } from "./read-arm-stats";

/** What "live" means on an endpoint: its last 15 minutes. */
export const LIVE_WINDOW_MS = 15 * 60_000;

const inputSchema = z.object({ endpoint: azureMlNameSchema });

export interface LiveEndpointStats {
  endpoint: string;
  /** The summarized window, [from, to). */
  window: WindowBounds;
  /** Per deployment that served requests in the window; none when the endpoint had no traffic (or does not exist). */
  arms: ArmTelemetry[];
  asOf: string;
  staleBecause?: string;
}

/** Per-deployment requests, failures and p95 of an endpoint over its last 15 minutes, from the shared cache. */
export async function readLiveEndpointStats(ctx: RequestContext, rawInput: { endpoint: string }, reads: () => TelemetryReads = appTelemetryReads): Promise<LiveEndpointStats> {
  requirePermission(ctx, "rollouts:read");
  const parsed = inputSchema.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const { endpoint } = parsed.data;
  const reading = await readArmStats(reads(), endpoint, { kind: "trailing", durationMs: LIVE_WINDOW_MS });
  return {
    endpoint,
    window: reading.value.window,
    arms: reading.value.arms,
    asOf: reading.asOf,
    ...(reading.staleBecause ? { staleBecause: reading.staleBecause } : {}),
  };
}
