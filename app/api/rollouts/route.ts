import { handleSessionJsonPost } from "@/lib/http/session-json-post";
import { rolloutDeps } from "@/lib/rollouts/default-deps";
import { startRollout } from "@/lib/rollouts/start-rollout";

/**
 * POST /api/rollouts with JSON {promotionRequestId, endpoint, baselineDeployment,
 * candidateDeployment, templateName, autoMode?} and an Idempotency-Key header: the same start as
 * the new-rollout form, for scripts run by a signed-in lead.
 */
export async function POST(request: Request) {
  return handleSessionJsonPost(
    request,
    '{"promotionRequestId", "endpoint", "baselineDeployment", "candidateDeployment", "templateName", "autoMode"?: boolean}',
    async ({ ctx, body, idempotencyKey }) => {
      const { rollout, replayed } = await startRollout(ctx, { ...body, idempotencyKey }, await rolloutDeps());
      return Response.json({ rolloutId: rollout.id, status: rollout.status, revision: rollout.revision, replayed }, { status: replayed ? 200 : 201 });
    },
  );
}
