import { isSameOriginRequest } from "@/lib/auth/http";
import { getRequestContext } from "@/lib/auth/request-context";
import { apiErrorResponse, internalErrorResponse } from "@/lib/http/api-errors";
import { decidePromotion } from "@/lib/promotions/decide-promotion";
import { promotionDeps } from "@/lib/promotions/default-deps";

/**
 * POST /api/approvals/{id}/decisions with JSON {outcome, comment?, overrideReason?} and an
 * Idempotency-Key header: the same decision as the request page's form, for scripts run by a
 * signed-in lead. Same-origin only, as the session cookie could otherwise be ridden.
 */
export async function POST(request: Request, { params }: RouteContext<"/api/approvals/[id]/decisions">) {
  const ctx = await getRequestContext();
  if (!ctx) return Response.json({ error: "unauthorized", message: "Sign in, then try again." }, { status: 401 });
  if (!isSameOriginRequest(request)) return Response.json({ error: "forbidden", message: "Cross-site requests are refused." }, { status: 403 });
  try {
    let body: Record<string, unknown>;
    try {
      body = (await request.json()) as Record<string, unknown>;
    } catch {
      return Response.json({ error: "invalid_input", message: "The body must be JSON: {\"outcome\": \"approve\" | \"reject\", \"comment\"?, \"overrideReason\"?}." }, { status: 400 });
    }
    const input = { ...body, requestId: (await params).id, idempotencyKey: request.headers.get("idempotency-key") ?? undefined };
    const { decision, replayed } = await decidePromotion(ctx, input, await promotionDeps());
    return Response.json(
      { decisionId: decision.id, requestId: decision.requestId, outcome: decision.outcome, evidenceSha256: decision.evidenceSha256, replayed },
      { status: replayed ? 200 : 201 },
    );
  } catch (error) {
    return apiErrorResponse(error) ?? (await internalErrorResponse(error));
  }
}
