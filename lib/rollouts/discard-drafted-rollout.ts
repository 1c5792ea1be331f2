import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { Prisma } from "@/lib/db/generated/client";
import { invalidInput, RefusedError } from "@/lib/errors/refused-error";
import { draftDecisionInput, expectDraft, lockDraft } from "./draft-state";
import { rolloutSubject, type RolloutDeps } from "./rollout-deps";
import { replayedRolloutAction } from "./replayed-action";

/** Whether this person may discard this draft: whoever drafted it, or any MLLead. */
export function mayDiscardDraft(ctx: RequestContext, draft: { createdById: string }): boolean {
  return ctx.permissions.has("rollouts:operate") || (ctx.permissions.has("rollouts:draft") && draft.createdById === ctx.user.id);
}

/** The drafter or an MLLead discards a draft nobody will start; the row stays, as every decision does. */
export async function discardDraftedRollout(ctx: RequestContext, rawInput: unknown, deps: Pick<RolloutDeps, "prisma" | "now" | "requestId">) {
  requirePermission(ctx, "rollouts:draft");
  const parsed = draftDecisionInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;

  const replayed = await replayedRolloutAction(deps.prisma, input.idempotencyKey, { actorId: ctx.user.id, rolloutId: input.rolloutId, actions: ["discard"] });
  if (replayed) return { rollout: replayed, replayed: true };
  const draft = await deps.prisma.rollout.findUnique({ where: { id: input.rolloutId } });
  if (!draft) throw new RefusedError("not_found", "There is no such rollout.");
  if (!mayDiscardDraft(ctx, draft)) throw new RefusedError("not_yours", `Only ${draft.createdByName}, who drafted it, or an MLLead can discard this draft.`);
  await expectDraft(deps.prisma, draft);

  const now = deps.now();
  try {
    return await deps.prisma.$transaction(
      async (tx) => {
        const locked = await lockDraft(tx, draft.id, input.expectedRevision);
        const revision = locked.revision + 1;
        const rollout = await tx.rollout.update({ where: { id: locked.id }, data: { status: "discarded", revision, endedAt: now } });
        await tx.rolloutAction.create({
          data: { rolloutId: rollout.id, revision, action: "discard", actorId: ctx.user.id, actorName: ctx.user.name, fromStep: 0, toStep: 0, traffic: locked.desiredTraffic as Prisma.InputJsonValue, idempotencyKey: input.idempotencyKey, createdAt: now },
        });
        await appendAuditEvent(tx, {
          actorId: ctx.user.id,
          actorName: ctx.user.name,
          action: "rollout.discarded",
          ...rolloutSubject(rollout),
          requestId: deps.requestId,
          data: { rolloutId: rollout.id, endpoint: rollout.endpoint, draftedBy: rollout.createdByName, revision },
        });
        return { rollout, replayed: false };
      },
      { timeout: 15_000, maxWait: 15_000 },
    );
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      if (JSON.stringify(error.meta ?? {}).includes("idempotency")) return discardDraftedRollout(ctx, rawInput, deps);
      throw new RefusedError("not_pending", "Somebody else started or discarded this draft at the same moment. Nothing was done; reload to see what happened.");
    }
    throw error;
  }
}
