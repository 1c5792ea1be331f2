import { invalidInput } from "@/lib/errors/refused-error";
import { handleSessionJsonPost } from "@/lib/http/session-json-post";
import { rolloutDeps } from "@/lib/rollouts/default-deps";
import { draftRollout } from "@/lib/rollouts/draft-rollout";
import { startRollout } from "@/lib/rollouts/start-rollout";

/**
 * POST /api/rollouts with JSON {promotionRequestId, endpoint, baselineDeployment,
 * candidateDeployment, templateName, autoMode?, draft?} and an Idempotency-Key header: the same
 * start (or, with "draft": true, the same draft) as the new-rollout form, for a signed-in user's scripts.
 */
export async function POST(request: Request) {
  return handleSessionJsonPost(
    request,
    '{"promotionRequestId", "endpoint", "baselineDeployment", "candidateDeployment", "templateName", "autoMode"?: boolean, "draft"?: boolean}',
    async ({ ctx, body, idempotencyKey }) => {
      const { draft = false, ...plan } = body;
      if (typeof draft !== "boolean") throw invalidInput([{ path: ["draft"], message: "must be true (save a draft) or false (start now)" }]);
      const verb = draft ? draftRollout : startRollout;
      const { rollout, replayed } = await verb(ctx, { ...plan, idempotencyKey }, await rolloutDeps());
      return Response.json({ rolloutId: rollout.id, status: rollout.status, revision: rollout.revision, replayed }, { status: replayed ? 200 : 201 });
    },
  );
}
