import { jsonObjectBody, sessionWriteRoute } from "@/lib/http/route-handlers";
import { requestPromotion } from "@/lib/promotions/request-promotion";

/**
 * POST /api/promotions with JSON {model, version, targetAlias?, rationale} and an Idempotency-Key
 * header: the version page's promotion request, for scripts run by a signed-in engineer or lead.
 */
export const POST = sessionWriteRoute(async ({ ctx, services, request }) => {
  const body = await jsonObjectBody(request, '{"model", "version", "targetAlias"?: "champion" | "challenger", "rationale"}', services.requestId);
  if (body instanceof Response) return body;
  const idempotencyKey = request.headers.get("idempotency-key") ?? undefined;
  const { request: created, replayed } = await requestPromotion(ctx, { ...body, idempotencyKey }, services);
  return Response.json(
    { requestId: created.id, model: created.modelName, version: created.modelVersion, status: created.status, replayed },
    { status: replayed ? 200 : 201 },
  );
});
