import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { Prisma } from "@/lib/db/generated/client";
import { describeStep } from "@/lib/domain/rollout-plan";
import { invalidInput } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";
import { expectNoOpenDraft, newRolloutFields, rolloutPlanInput, validateRolloutPlan } from "./rollout-plan-checks";
import { rolloutSubject } from "./rollout-records";
import { replayedRolloutWrite, writeRollout, type RolloutWrite } from "./rollout-write";

/** The action recorded when a plan is drafted; the draft sits at revision 0 until started or discarded. */
export const DRAFT_REVISION = 0;

/**
 * An MLEngineer (or MLLead) drafts a rollout plan of an approved version. It is checked as a start
 * would be, but nothing reaches the endpoint: an MLLead starts it later (or somebody discards it).
 */
export async function draftRollout(ctx: RequestContext, rawInput: unknown, services: Pick<Services, "db" | "azureMl" | "now" | "requestId">): Promise<RolloutWrite> {
  requirePermission(ctx, "rollouts:draft");
  const parsed = rolloutPlanInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;

  const scope = { idempotencyKey: input.idempotencyKey, actorId: ctx.user.id, actions: ["draft"] };
  const replayed = await replayedRolloutWrite(services.db, scope);
  if (replayed) return replayed;

  const plan = await validateRolloutPlan(services, input);
  await expectNoOpenDraft(services.db, input.promotionRequestId, input.endpoint);
  const { template, firstStep, desired } = plan;
  const now = services.now();
  return writeRollout(services.db, scope, async (tx) => {
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
      requestId: services.requestId,
      data: { rolloutId: rollout.id, endpoint: input.endpoint, baseline: input.baselineDeployment, candidate: input.candidateDeployment, template: template.name, autoMode: input.autoMode, step: describeStep(firstStep), traffic: { ...desired } },
    });
    return rollout;
  });
}
