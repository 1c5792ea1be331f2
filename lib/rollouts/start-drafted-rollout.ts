import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { Prisma } from "@/lib/db/generated/client";
import { isUniqueViolation } from "@/lib/db/write-transaction";
import { templateContentSchema, trafficForStep } from "@/lib/domain/rollout-plan";
import { RefusedError } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";
import { DRAFT_DECIDED_AT_ONCE, expectDraft, lockDraft, openDraftDecision } from "./draft-state";
import { recordRolloutStart } from "./record-rollout-start";
import { approvedPromotion, checkEndpointForPlan, endpointBusyMessage } from "./rollout-plan-checks";
import { writeRollout, type RolloutWrite } from "./rollout-write";

/**
 * An MLLead starts a drafted rollout: checked again against the promotion and the endpoint as they
 * are now, then started exactly as a rollout started at once (step one through the outbox). The
 * draft's frozen plan is what runs, as the lead saw it on the page.
 */
export async function startDraftedRollout(ctx: RequestContext, rawInput: unknown, services: Pick<Services, "db" | "azureMl" | "now" | "requestId">): Promise<RolloutWrite> {
  requirePermission(ctx, "rollouts:operate");
  const { db } = services;
  const opened = await openDraftDecision(db, ctx.user.id, rawInput, "start");
  if ("replayed" in opened) return opened.replayed;
  const { input, draft, scope } = opened;
  await expectDraft(db, draft);

  // Neither check counts this draft itself: started by somebody else a moment ago, it is told so under the lock below.
  const request = await approvedPromotion(db, draft.promotionRequestId, draft.id);
  const active = await db.rollout.findFirst({ where: { endpoint: draft.endpoint, status: { in: ["running", "paused"] }, id: { not: draft.id } } });
  if (active) {
    throw new RefusedError(
      "duplicate_request",
      `${draft.endpoint} already has a rollout in progress (${active.modelName} v${active.modelVersion}, ${active.status}); finish, roll back or abort it before starting this draft. Nothing was done.`,
    );
  }
  const endpoint = await checkEndpointForPlan(services, request, { endpoint: draft.endpoint, baselineDeployment: draft.baselineDeployment, candidateDeployment: draft.candidateDeployment });
  const firstStep = templateContentSchema.parse(draft.plan).steps[0]!;
  const desired = trafficForStep(firstStep, draft.baselineDeployment, draft.candidateDeployment);
  const now = services.now();
  return writeRollout(
    db,
    scope,
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
      await recordRolloutStart(tx, rollout, { actor: { id: ctx.user.id, name: ctx.user.name }, firstStep, desired, idempotencyKey: input.idempotencyKey, requestId: services.requestId, draftedBy: locked.createdByName });
      return rollout;
    },
    (error) => {
      // The draft's next action revision was taken by a concurrent start or discard; else the endpoint's one-in-progress index.
      if (isUniqueViolation(error, "revision")) throw new RefusedError("not_pending", DRAFT_DECIDED_AT_ONCE);
      throw new RefusedError("duplicate_request", `${endpointBusyMessage(draft.endpoint)} Nothing was done.`);
    },
  );
}
