import { AuthorizationError } from "@/lib/auth/permissions";
import { getRequestContext } from "@/lib/auth/request-context";
import { RefusedError } from "@/lib/errors/refused-error";
import { internalErrorResponse } from "@/lib/http/api-errors";
import { rolloutDeps } from "@/lib/rollouts/default-deps";
import { readRolloutStatus } from "@/lib/rollouts/read-rollout";

export const dynamic = "force-dynamic";

/** The step view polls this: the rollout's state, whether its newest plan reached the endpoint, and its gates. */
export async function GET(_request: Request, { params }: RouteContext<"/api/rollouts/[id]/status">) {
  const ctx = await getRequestContext();
  if (!ctx) return Response.json({ error: "unauthorized", message: "Sign in again." }, { status: 401 });
  try {
    return Response.json(await readRolloutStatus(ctx, { id: (await params).id }, await rolloutDeps()), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AuthorizationError || error instanceof RefusedError) return Response.json({ error: error.name, message: error.message }, { status: error.status });
    return internalErrorResponse(error);
  }
}
