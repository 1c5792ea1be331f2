import { AuthorizationError } from "@/lib/auth/permissions";
import { getRequestContext } from "@/lib/auth/request-context";
import { RefusedError } from "@/lib/errors/refused-error";
import { internalErrorResponse } from "@/lib/http/api-errors";
import { requestLogger } from "@/lib/log/request-logger";
import { readLiveEndpointStats } from "@/lib/rollouts/telemetry/read-live-endpoint-stats";
import { UpstreamError } from "@/lib/sources/upstream-error";

export const dynamic = "force-dynamic";

/** Per-deployment live stats (last 15 minutes) of an endpoint, for pollers; served from the shared Log Analytics cache. */
export async function GET(_request: Request, { params }: RouteContext<"/api/rollouts/endpoints/[name]/live">) {
  const ctx = await getRequestContext();
  if (!ctx) return Response.json({ error: "unauthorized", message: "Sign in again." }, { status: 401 });
  try {
    return Response.json(await readLiveEndpointStats(ctx, { endpoint: (await params).name }), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AuthorizationError || error instanceof RefusedError) return Response.json({ error: error.name, message: error.message }, { status: error.status });
    if (error instanceof UpstreamError) {
      // Nothing cached yet and Log Analytics failed: say so, and when a retry may help.
      (await requestLogger()).warn({ err: error }, "live endpoint stats unavailable");
      return Response.json(
        { error: "upstream_unavailable", upstream: error.upstream, message: error.message },
        { status: 503, headers: error.transient ? { "retry-after": "15" } : {} },
      );
    }
    return internalErrorResponse(error);
  }
}
