import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { Prisma } from "@/lib/db/generated/client";
import { RefusedError } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";
import { DRAFT_DECIDED_AT_ONCE, expectDraft, lockDraft, openDraftDecision } from "./draft-state";
import { rolloutSubject } from "./rollout-records";
import { writeRollout, type RolloutWrite } from "./rollout-write";

/** Whether this person may discard this draft: whoever drafted it, or any MLLead. */
export function mayDiscardDraft(ctx: RequestContext, draft: { createdById: string }): boolean {
  return ctx.permissions.has("rollouts:operate") || (ctx.permissions.has("rollouts:draft") && draft.createdById === ctx.user.id);
}

/** The drafter or an MLLead discards a draft nobody will start; the row stays, as every decision does. */
export async function discardDraftedRollout(ctx: RequestContext, rawInput: unknown, services: Pick<Services, "db" | "now" | "requestId">): Promise<RolloutWrite> {
  requirePermission(ctx, "rollouts:draft");
  const { db } = services;
  const opened = await openDraftDecision(db, ctx.user.id, rawInput, "discard");
  if ("replayed" in opened) return opened.replayed;
  const { input, draft, scope } = opened;
  if (!mayDiscardDraft(ctx, draft)) throw new RefusedError("not_yours", `Only ${draft.createdByName}, who drafted it, or an MLLead can discard this draft.`);
  await expectDraft(db, draft);

  const now = services.now();
  return writeRollout(
    db,
    scope,
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
        requestId: services.requestId,
        data: { rolloutId: rollout.id, endpoint: rollout.endpoint, draftedBy: rollout.createdByName, revision },
      });
      return rollout;
    },
    () => {
      throw new RefusedError("not_pending", DRAFT_DECIDED_AT_ONCE);
    },
  );
}
