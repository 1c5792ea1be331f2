import { getRequestContext } from "@/lib/auth/request-context";
import { AuthorizationError } from "@/lib/auth/permissions";
import { getDatabase } from "@/lib/db/database";
import { RefusedError } from "@/lib/errors/refused-error";
import { internalErrorResponse } from "@/lib/http/api-errors";
import { readApplyStatus } from "@/lib/promotions/read-promotion-request";

/** The request page polls this while the approval is being applied in MLflow. */
export async function GET(_request: Request, { params }: RouteContext<"/api/approvals/[id]/status">) {
  const ctx = await getRequestContext();
  if (!ctx) return Response.json({ error: "unauthorized", message: "Sign in again." }, { status: 401 });
  try {
    const { prisma } = await getDatabase();
    return Response.json(await readApplyStatus(ctx, { id: (await params).id }, { prisma, now: () => new Date() }), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AuthorizationError || error instanceof RefusedError) return Response.json({ error: error.name, message: error.message }, { status: error.status });
    return internalErrorResponse(error);
  }
}
