import { handleSessionJsonPost } from "@/lib/http/session-json-post";
import { decidePromotion } from "@/lib/promotions/decide-promotion";
import { promotionDeps } from "@/lib/promotions/default-deps";

/**
 * POST /api/approvals/{id}/decisions with JSON {outcome, comment?, overrideReason?} and an
 * Idempotency-Key header: the same decision as the request page's form, for scripts run by a
 * signed-in lead.
 */
export async function POST(request: Request, { params }: RouteContext<"/api/approvals/[id]/decisions">) {
  return handleSessionJsonPost(request, '{"outcome": "approve" | "reject", "comment"?, "overrideReason"?}', async ({ ctx, body, idempotencyKey }) => {
    const { decision, replayed } = await decidePromotion(ctx, { ...body, requestId: (await params).id, idempotencyKey }, await promotionDeps());
    return Response.json(
      { decisionId: decision.id, requestId: decision.requestId, outcome: decision.outcome, evidenceSha256: decision.evidenceSha256, replayed },
      { status: replayed ? 200 : 201 },
    );
  });
}
