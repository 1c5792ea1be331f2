import { pipelineRoute } from "@/lib/http/route-handlers";
import { readPromotionGate } from "@/lib/promotions/read-promotion-gate";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/promotions?model=…&version=…: the CI gate. Answers what Stagegate decided about the
 * version (approved, rejected, pending, expired or none), approvals, policy results and evidence hashes.
 */
export const GET = pipelineRoute(async ({ ctx, services, request }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return Response.json(await readPromotionGate(ctx, query, services), { headers: { "cache-control": "no-store" } });
});
