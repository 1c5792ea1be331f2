import { jsonObjectBody, sessionWriteRoute } from "@/lib/http/route-handlers";
import { decidePromotion } from "@/lib/promotions/decide-promotion";

/**
 * POST /api/approvals/{id}/decisions with JSON {outcome, comment?, overrideReason?} and an
 * Idempotency-Key header: the same decision as the request page's form, for scripts run by a
 * signed-in lead.
 */
export const POST = sessionWriteRoute<{ id: string }>(async ({ ctx, services, params, request }) => {
  const body = await jsonObjectBody(request, '{"outcome": "approve" | "reject", "comment"?, "overrideReason"?}', services.requestId);
  if (body instanceof Response) return body;
  const idempotencyKey = request.headers.get("idempotency-key") ?? undefined;
  const { decision, replayed } = await decidePromotion(ctx, { ...body, requestId: params.id, idempotencyKey }, services);
  return Response.json(
    { decisionId: decision.id, requestId: decision.requestId, outcome: decision.outcome, evidenceSha256: decision.evidenceSha256, replayed },
    { status: replayed ? 200 : 201 },
  );
});
