import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { Prisma } from "@/lib/db/generated/client";
import { templateContentSchema, trafficForStep } from "@/lib/domain/rollout-plan";
import { invalidInput, RefusedError } from "@/lib/errors/refused-error";
import { draftDecisionInput, expectDraft, lockDraft } from "./draft-state";
import { recordRolloutStart } from "./record-rollout-start";
import type { RolloutDeps } from "./rollout-deps";
import { approvedPromotion, checkEndpointForPlan, endpointBusyMessage } from "./rollout-plan-checks";
import { replayedRolloutAction } from "./replayed-action";

/**
 * An MLLead starts a drafted rollout: checked again against the promotion and the endpoint as they
 * are now, then started exactly as a rollout started at once (step one through the outbox). The
 * draft's frozen plan is what runs, as the lead saw it on the page.
 */
export async function startDraftedRollout(ctx: RequestContext, rawInput: unknown, deps: RolloutDeps) {
  requirePermission(ctx, "rollouts:operate");
  const parsed = draftDecisionInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;

  const replayed = await replayedRolloutAction(deps.prisma, input.idempotencyKey, { actorId: ctx.user.id, rolloutId: input.rolloutId, actions: ["start"] });
  if (replayed) return { rollout: replayed, replayed: true };
  const draft = await deps.prisma.rollout.findUnique({ where: { id: input.rolloutId } });
  if (!draft) throw new RefusedError("not_found", "There is no such rollout.");
  await expectDraft(deps.prisma, draft);

  const request = await approvedPromotion(deps.prisma, draft.promotionRequestId);
  // Not this draft itself: started by somebody else a moment ago, it is told so under the lock below.
  const active = await deps.prisma.rollout.findFirst({ where: { endpoint: draft.endpoint, status: { in: ["running", "paused"] }, id: { not: draft.id } } });
  if (active) {
    throw new RefusedError(
      "duplicate_request",
      `${draft.endpoint} already has a rollout in progress (${active.modelName} v${active.modelVersion}, ${active.status}); finish, roll back or abort it before starting this draft. Nothing was done.`,
    );
  }
  const endpoint = await checkEndpointForPlan(deps, request, { endpoint: draft.endpoint, baselineDeployment: draft.baselineDeployment, candidateDeployment: draft.candidateDeployment });
  const firstStep = templateContentSchema.parse(draft.plan).steps[0]!;
  const desired = trafficForStep(firstStep, draft.baselineDeployment, draft.candidateDeployment);
  const now = deps.now();
  try {
    return await deps.prisma.$transaction(
      async (tx) => {
        const locked = await lockDraft(tx, draft.id, input.expectedRevision);
        const rollout = await tx.rollout.update({
          where: { id: locked.id },
          data: {
            status: "running",
            revision: locked.revision + 1,
            currentStep: 0,
            stepStartedAt: now,
            desiredTraffic: desired as unknown as Prisma.InputJsonValue,
            appliedTraffic: { traffic: endpoint.traffic, mirrorTraffic: endpoint.mirrorTraffic },
            appliedRevision: null,
            applyError: null,
            startedAt: now,
            startedByName: ctx.user.name,
          },
        });
        await recordRolloutStart(tx, rollout, { actor: { id: ctx.user.id, name: ctx.user.name }, firstStep, desired, idempotencyKey: input.idempotencyKey, requestId: deps.requestId, draftedBy: locked.createdByName });
        return { rollout, replayed: false };
      },
      { timeout: 15_000, maxWait: 15_000 },
    );
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const meta = JSON.stringify(error.meta ?? {});
      if (meta.includes("idempotency")) return startDraftedRollout(ctx, rawInput, deps);
      if (meta.includes("revision")) throw new RefusedError("not_pending", "Somebody else started or discarded this draft at the same moment. Nothing was done; reload to see what happened.");
      throw new RefusedError("duplicate_request", `${endpointBusyMessage(draft.endpoint)} Nothing was done.`);
    }
    throw error;
  }
}
