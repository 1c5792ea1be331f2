import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { Prisma, type PrismaClient } from "@/lib/db/generated/client";
import { policyContentSchema } from "@/lib/domain/promotion-policy";
import { invalidInput, RefusedError } from "@/lib/errors/refused-error";
import { idempotencyKeySchema } from "@/lib/promotions/request-promotion";
import { currentPolicy, toStoredPolicy } from "./policy-store";

// Policy edits are serialized so two admins cannot both write "version n+1".
const POLICY_LOCK_KEY = 5_730_003;

export const policyUpdateInput = z.object({
  basedOnVersion: z.coerce.number().int().min(1),
  content: policyContentSchema,
  changeNote: z.string().trim().min(5, "say in a few words what changed and why").max(2000),
  idempotencyKey: idempotencyKeySchema,
});

/** An Admin saves a new policy version; the previous versions stay as they were (evidence refers to them). */
export async function updatePolicy(ctx: RequestContext, rawInput: unknown, deps: { prisma: PrismaClient; requestId: string | null }) {
  requirePermission(ctx, "policy:edit");
  const parsed = policyUpdateInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;

  const replay = await deps.prisma.promotionPolicy.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (replay) {
    if (replay.createdById !== ctx.user.id) throw new RefusedError("idempotency_conflict", "This idempotency key was already used; reload the page and save again.");
    return { policy: toStoredPolicy(replay), replayed: true };
  }
  try {
    return await deps.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${POLICY_LOCK_KEY})`;
      const current = await currentPolicy(tx);
      if (current.version !== input.basedOnVersion) {
        throw new RefusedError(
          "stale_policy",
          `The policy changed while you edited it (you started from version ${input.basedOnVersion}; version ${current.version} was saved by ${current.createdByName}). Reload to see it, then make your change again.`,
        );
      }
      const row = await tx.promotionPolicy.create({
        data: {
          version: current.version + 1,
          content: input.content as unknown as Prisma.InputJsonValue,
          createdById: ctx.user.id,
          createdByName: ctx.user.name,
          changeNote: input.changeNote,
          idempotencyKey: input.idempotencyKey,
        },
      });
      await appendAuditEvent(tx, {
        actorId: ctx.user.id,
        actorName: ctx.user.name,
        action: "policy.changed",
        subjectType: "promotion_policy",
        subjectId: String(row.version),
        requestId: deps.requestId,
        data: { version: row.version, previousVersion: current.version, changeNote: input.changeNote, before: current.content, after: input.content },
      });
      return { policy: toStoredPolicy(row), replayed: false };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new RefusedError("stale_policy", "Another change to the policy was saved at the same moment. Reload to see it, then make your change again.");
    }
    throw error;
  }
}
