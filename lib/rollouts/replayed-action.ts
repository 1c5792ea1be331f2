import "server-only";
import type { PrismaClient, Rollout } from "@/lib/db/generated/client";
import { RefusedError } from "@/lib/errors/refused-error";

/**
 * The rollout an earlier submission with this idempotency key produced (a resubmitted form gets the
 * same answer), or null for a new key; a key used by someone else or for another action is refused.
 */
export async function replayedRolloutAction(
  prisma: PrismaClient,
  idempotencyKey: string,
  expected: { actorId: string; rolloutId?: string; actions?: readonly string[] },
): Promise<Rollout | null> {
  const replay = await prisma.rolloutAction.findUnique({ where: { idempotencyKey }, include: { rollout: true } });
  if (!replay) return null;
  const same =
    replay.actorId === expected.actorId && (expected.rolloutId === undefined || replay.rolloutId === expected.rolloutId) && (expected.actions === undefined || expected.actions.includes(replay.action));
  if (!same) throw new RefusedError("idempotency_conflict", "This idempotency key was already used for another action; reload the page and try again.");
  return replay.rollout;
}
