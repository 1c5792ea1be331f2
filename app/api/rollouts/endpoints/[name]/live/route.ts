import { sessionRoute } from "@/lib/http/route-handlers";
import { readLiveEndpointStats } from "@/lib/rollouts/telemetry/read-live-endpoint-stats";

export const dynamic = "force-dynamic";

/**
 * Per-deployment live stats (last 15 minutes) of an endpoint, for pollers; served from the shared
 * Log Analytics cache. With nothing cached and Log Analytics failing, the one error body's 503
 * names the upstream (with retry-after when a retry may help).
 */
export const GET = sessionRoute<{ name: string }>(async ({ ctx, services, params }) =>
  Response.json(await readLiveEndpointStats(ctx, { endpoint: params.name }, services), { headers: { "cache-control": "no-store" } }),
);
