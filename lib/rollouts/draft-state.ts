import "server-only";
import { z } from "zod";
import type { Prisma, PrismaClient, Rollout } from "@/lib/db/generated/client";
import { invalidInput, notFound, RefusedError } from "@/lib/errors/refused-error";
import { idempotencyKeySchema } from "@/lib/http/idempotency-key";
import { formatUtc } from "@/lib/ui/format";
import { findRollout } from "./rollout-records";
import { replayedRolloutWrite, type ReplayScope, type RolloutWrite } from "./rollout-write";

/** Starting or discarding a draft: which draft, the revision the page showed, a fresh key. */
export const draftDecisionInput = z.object({
  rolloutId: z.uuid("is not a rollout id"),
  expectedRevision: z.coerce.number().int().min(0),
  idempotencyKey: idempotencyKeySchema,
});

/** Two people started or discarded one draft at the same moment, and the other one's write came first. */
export const DRAFT_DECIDED_AT_ONCE = "Somebody else started or discarded this draft at the same moment. Nothing was done; reload to see what happened.";

type Reader = Pick<Prisma.TransactionClient, "rolloutAction">;

/** Why a rollout can no longer be started or discarded as a draft, naming who did what to it. */
async function notADraft(db: Reader, rollout: Rollout): Promise<RefusedError> {
  const decided = await db.rolloutAction.findFirst({ where: { rolloutId: rollout.id, action: { in: ["start", "discard"] } }, orderBy: { revision: "asc" } });
  const state = rollout.status.replace("_", " ");
  if (!decided) return new RefusedError("not_pending", `This rollout is ${state}, not a draft. Nothing was done.`);
  const when = `by ${decided.actorName} at ${formatUtc(decided.createdAt)}`;
  return new RefusedError(
    "not_pending",
    decided.action === "discard"
      ? `This draft was already discarded ${when}. Nothing was done.`
      : `This draft was already started ${when}; the rollout is ${state} now. Nothing was done; follow it on this page.`,
  );
}

/** Checks the rollout outside a transaction (a quick, clear refusal before reading ARM). */
export async function expectDraft(db: Reader, rollout: Rollout): Promise<void> {
  if (rollout.status !== "draft") throw await notADraft(db, rollout);
}

/**
 * Locks the draft's row in the caller's transaction and checks it is still the draft the page
 * showed: of two people starting (or one starting, one discarding) the same draft, the second
 * waits here and is told what the first did.
 */
export async function lockDraft(tx: Prisma.TransactionClient, rolloutId: string, expectedRevision: number): Promise<Rollout> {
  await tx.$queryRaw`SELECT id FROM rollouts WHERE id = ${rolloutId}::uuid FOR UPDATE`;
  const rollout = await tx.rollout.findUnique({ where: { id: rolloutId } });
  if (!rollout) throw notFound("There is no such rollout.");
  if (rollout.status !== "draft") throw await notADraft(tx, rollout);
  if (rollout.revision !== expectedRevision) throw new RefusedError("not_pending", "The draft changed while you were looking at it. Nothing was done; reload and decide again.");
  return rollout;
}

export type DraftDecision = { replayed: RolloutWrite } | { input: z.infer<typeof draftDecisionInput>; draft: Rollout; scope: ReplayScope };

/**
 * The common start of starting or discarding a draft: the input parsed, a replayed key answered
 * with what it did, else the draft read (still a draft, or a refusal saying who decided it).
 */
export async function openDraftDecision(db: PrismaClient, actorId: string, rawInput: unknown, action: "start" | "discard"): Promise<DraftDecision> {
  const parsed = draftDecisionInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;
  const scope = { idempotencyKey: input.idempotencyKey, actorId, rolloutId: input.rolloutId, actions: [action] };
  const replayed = await replayedRolloutWrite(db, scope);
  if (replayed) return { replayed };
  return { input, draft: await findRollout(db, input.rolloutId), scope };
}
