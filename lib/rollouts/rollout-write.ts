import "server-only";
import type { Prisma, PrismaClient, Rollout } from "@/lib/db/generated/client";
import { writeTransaction } from "@/lib/db/write-transaction";
import { RefusedError } from "@/lib/errors/refused-error";

/** What a rollout write answers: the rollout, and whether this was a resubmission of a write already done. */
export interface RolloutWrite {
  rollout: Rollout;
  replayed: boolean;
}

/** Whose earlier submission a key may replay: the same person's, of the same kind of action (on the same rollout). */
export interface ReplayScope {
  idempotencyKey: string;
  actorId: string;
  rolloutId?: string;
  actions?: readonly string[];
}

/**
 * The rollout an earlier submission with this idempotency key produced (a resubmitted form gets the
 * same answer), or null for a new key; a key used by someone else or for another action is refused.
 */
export async function replayedRolloutWrite(db: PrismaClient, scope: ReplayScope): Promise<RolloutWrite | null> {
  const replay = await db.rolloutAction.findUnique({ where: { idempotencyKey: scope.idempotencyKey }, include: { rollout: true } });
  if (!replay) return null;
  const same =
    replay.actorId === scope.actorId && (scope.rolloutId === undefined || replay.rolloutId === scope.rolloutId) && (scope.actions === undefined || scope.actions.includes(replay.action));
  if (!same) throw new RefusedError("idempotency_conflict", "This idempotency key was already used for another action; reload the page and try again.");
  return { rollout: replay.rollout, replayed: true };
}

/**
 * A rollout write's one transaction (the rollout, its action row, outbox job and audit event). A
 * twin submission with the same key that committed first turns this one into its replay; any other
 * unique violation is `duplicate`'s refusal (or, without one, the caller's to judge).
 */
export function writeRollout(db: PrismaClient, scope: ReplayScope, work: (tx: Prisma.TransactionClient) => Promise<Rollout>, duplicate?: (error: unknown) => never): Promise<RolloutWrite> {
  return writeTransaction(db, async (tx) => ({ rollout: await work(tx), replayed: false }), {
    replay: async () => {
      const replayed = await replayedRolloutWrite(db, scope);
      if (replayed) return replayed;
      // The twin's row is gone again (it cannot be: actions are append-only); say what is known.
      throw new RefusedError("not_pending", "Another submission of this action was recorded at the same moment; reload to see what happened.");
    },
    duplicate,
  });
}
