import { invalidInput } from "@/lib/errors/refused-error";
import { jsonObjectBody, sessionWriteRoute } from "@/lib/http/route-handlers";
import { draftRollout } from "@/lib/rollouts/draft-rollout";
import { startRollout } from "@/lib/rollouts/start-rollout";

/**
 * POST /api/rollouts with JSON {promotionRequestId, endpoint, baselineDeployment,
 * candidateDeployment, templateName, autoMode?, draft?} and an Idempotency-Key header: the same
 * start (or, with "draft": true, the same draft) as the new-rollout form, for a signed-in user's scripts.
 */
export const POST = sessionWriteRoute(async ({ ctx, services, request }) => {
  const body = await jsonObjectBody(
    request,
    '{"promotionRequestId", "endpoint", "baselineDeployment", "candidateDeployment", "templateName", "autoMode"?: boolean, "draft"?: boolean}',
    services.requestId,
  );
  if (body instanceof Response) return body;
  const { draft = false, ...plan } = body;
  if (typeof draft !== "boolean") throw invalidInput([{ path: ["draft"], message: "must be true (save a draft) or false (start now)" }]);
  const verb = draft ? draftRollout : startRollout;
  const { rollout, replayed } = await verb(ctx, { ...plan, idempotencyKey: request.headers.get("idempotency-key") ?? undefined }, services);
  return Response.json({ rolloutId: rollout.id, status: rollout.status, revision: rollout.revision, replayed }, { status: replayed ? 200 : 201 });
});
