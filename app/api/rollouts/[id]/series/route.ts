import { AuthorizationError } from "@/lib/auth/permissions";
import { getRequestContext } from "@/lib/auth/request-context";
import { getDatabase } from "@/lib/db/database";
import { RefusedError } from "@/lib/errors/refused-error";
import { internalErrorResponse } from "@/lib/http/api-errors";
import { readStepSeries } from "@/lib/rollouts/read-step-series";
import { appTelemetryReads } from "@/lib/rollouts/telemetry/read-arm-stats";

export const dynamic = "force-dynamic";

/** The step view's charts poll this: latency and error rate per minute of both arms over the current step. */
export async function GET(_request: Request, { params }: RouteContext<"/api/rollouts/[id]/series">) {
  const ctx = await getRequestContext();
  if (!ctx) return Response.json({ error: "unauthorized", message: "Sign in again." }, { status: 401 });
  try {
    const { prisma } = await getDatabase();
    return Response.json(await readStepSeries(ctx, { id: (await params).id }, { prisma, telemetryReads: appTelemetryReads }), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AuthorizationError || error instanceof RefusedError) return Response.json({ error: error.name, message: error.message }, { status: error.status });
    return internalErrorResponse(error);
  }
}
