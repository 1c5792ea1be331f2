import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { Prisma } from "@/lib/db/generated/client";
import { describeStep } from "@/lib/domain/rollout-plan";
import { invalidInput } from "@/lib/errors/refused-error";
import { rolloutSubject, type RolloutDeps } from "./rollout-deps";
import { expectNoOpenDraft, newRolloutFields, rolloutPlanInput, validateRolloutPlan } from "./rollout-plan-checks";
import { replayedRolloutAction } from "./replayed-action";

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

  const replayed = await replayedRolloutAction(deps.prisma, input.idempotencyKey, { actorId: ctx.user.id, actions: ["draft"] });
  if (replayed) return { rollout: replayed, replayed: true };

  const plan = await validateRolloutPlan(deps, input);
  await expectNoOpenDraft(deps.prisma, input.promotionRequestId, input.endpoint);
  const { template, firstStep, desired } = plan;
  const now = deps.now();
  try {
    return await deps.prisma.$transaction(async (tx) => {
      const rollout = await tx.rollout.create({ data: { ...newRolloutFields(ctx.user, input, plan, now), status: "draft", revision: DRAFT_REVISION, createdAt: now } });
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
