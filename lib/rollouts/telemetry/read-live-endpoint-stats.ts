import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { invalidInput } from "@/lib/errors/refused-error";
import { azureMlNameSchema, type DeploymentTelemetry } from "./deployment-telemetry";
import { readDeploymentStats, type TelemetryServices, type WindowBounds } from "./read-deployment-stats";

/** What "live" means on an endpoint: its last 15 minutes. */
export const LIVE_WINDOW_MS = 15 * 60_000;

const inputSchema = z.object({ endpoint: azureMlNameSchema });

export interface LiveEndpointStats {
  endpoint: string;
  /** The summarized window, [from, to). */
  window: WindowBounds;
  /** Per deployment that served requests in the window; none when the endpoint had no traffic (or does not exist). */
  deployments: DeploymentTelemetry[];
  asOf: string;
  staleBecause?: string;
}

/** Per-deployment requests, failures and p95 of an endpoint over its last 15 minutes, from the shared cache. */
export async function readLiveEndpointStats(ctx: RequestContext, rawInput: { endpoint: string }, services: TelemetryServices): Promise<LiveEndpointStats> {
  requirePermission(ctx, "rollouts:read");
  const parsed = inputSchema.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const { endpoint } = parsed.data;
  const reading = await readDeploymentStats(services, endpoint, { kind: "trailing", durationMs: LIVE_WINDOW_MS });
  return {
    endpoint,
    window: reading.value.window,
    deployments: reading.value.deployments,
    asOf: reading.asOf,
    ...(reading.staleBecause ? { staleBecause: reading.staleBecause } : {}),
  };
}
