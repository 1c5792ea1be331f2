import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { Prisma } from "@/lib/db/generated/client";
import { describeStep } from "@/lib/domain/rollout-plan";
import { invalidInput, RefusedError } from "@/lib/errors/refused-error";
import { rolloutSubject, type RolloutDeps } from "./rollout-deps";
import { rolloutPlanInput, validateRolloutPlan } from "./rollout-plan-checks";

/** The action recorded when a plan is drafted; the draft sits at revision 0 until started or discarded. */
export const DRAFT_REVISION = 0;

/**
 * An MLEngineer (or MLLead) drafts a rollout plan of an approved version. It is checked as a start
 * would be, but nothing reaches the endpoint: an MLLead starts it later (or somebody discards it).
 */
export async function draftRollout(ctx: RequestContext, rawInput: unknown, deps: RolloutDeps) {
  requirePermission(ctx, "rollouts:draft");
  const parsed = rolloutPlanInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;

  const replay = await deps.prisma.rolloutAction.findUnique({ where: { idempotencyKey: input.idempotencyKey }, include: { rollout: true } });
  if (replay) {
    if (replay.actorId !== ctx.user.id || replay.action !== "draft") throw new RefusedError("idempotency_conflict", "This idempotency key was already used; reload the page and try again.");
    return { rollout: replay.rollout, replayed: true };
  }

  const { request, template, firstStep, desired } = await validateRolloutPlan(deps, input);
  const now = deps.now();
  try {
    return await deps.prisma.$transaction(async (tx) => {
      const rollout = await tx.rollout.create({
        data: {
          promotionRequestId: request.id,
          modelName: request.modelName,
          modelVersion: request.modelVersion,
          endpoint: input.endpoint,
          baselineDeployment: input.baselineDeployment,
          candidateDeployment: input.candidateDeployment,
          templateName: template.name,
          plan: template.plan as unknown as Prisma.InputJsonValue,
          autoMode: input.autoMode,
          status: "draft",
          revision: DRAFT_REVISION,
          currentStep: 0,
          stepStartedAt: now,
          desiredTraffic: desired as unknown as Prisma.InputJsonValue,
          createdById: ctx.user.id,
          createdByName: ctx.user.name,
          createdAt: now,
        },
      });
      await tx.rolloutAction.create({
        data: {
          rolloutId: rollout.id,
          revision: DRAFT_REVISION,
          action: "draft",
          actorId: ctx.user.id,
          actorName: ctx.user.name,
          fromStep: 0,
          toStep: 0,
          traffic: desired as unknown as Prisma.InputJsonValue,
          idempotencyKey: input.idempotencyKey,
          createdAt: now,
        },
      });
      await appendAuditEvent(tx, {
        actorId: ctx.user.id,
        actorName: ctx.user.name,
        action: "rollout.drafted",
        ...rolloutSubject(rollout),
        requestId: deps.requestId,
        data: { rolloutId: rollout.id, endpoint: input.endpoint, baseline: input.baselineDeployment, candidate: input.candidateDeployment, template: template.name, autoMode: input.autoMode, step: describeStep(firstStep), traffic: { ...desired } },
      });
      return { rollout, replayed: false };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && JSON.stringify(error.meta ?? {}).includes("idempotency")) return draftRollout(ctx, rawInput, deps);
    throw error;
  }
}
