import { handleSessionJsonPost } from "@/lib/http/session-json-post";
import { promotionDeps } from "@/lib/promotions/default-deps";
import { requestPromotion } from "@/lib/promotions/request-promotion";

/**
 * POST /api/promotions with JSON {model, version, targetAlias?, rationale} and an Idempotency-Key
 * header: the version page's promotion request, for scripts run by a signed-in engineer or lead.
 */
export async function POST(request: Request) {
  return handleSessionJsonPost(request, '{"model", "version", "targetAlias"?: "champion" | "challenger", "rationale"}', async ({ ctx, body, idempotencyKey }) => {
    const { request: created, replayed } = await requestPromotion(ctx, { ...body, idempotencyKey }, await promotionDeps());
    return Response.json(
      { requestId: created.id, model: created.modelName, version: created.modelVersion, status: created.status, replayed },
      { status: replayed ? 200 : 201 },
    );
  });
}
