import { pipelineContext } from "@/lib/auth/pipeline-caller";
import { getDatabase } from "@/lib/db/database";
import { apiErrorResponse, internalErrorResponse } from "@/lib/http/api-errors";
import { readPromotionGate } from "@/lib/promotions/read-promotion-gate";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/promotions?model=…&version=…: the CI gate. Answers what Stagegate decided about the
 * version (approved, rejected, pending, expired or none), approvals, policy results and evidence hashes.
 */
export async function GET(request: Request) {
  try {
    const ctx = await pipelineContext(request);
    const { prisma } = await getDatabase();
    const query = Object.fromEntries(new URL(request.url).searchParams);
    return Response.json(await readPromotionGate(ctx, query, { prisma, now: () => new Date() }), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return apiErrorResponse(error) ?? (await internalErrorResponse(error));
  }
}
