import "server-only";
import type { Prisma } from "@/lib/db/generated/client";

export interface PurgeReport {
  sessions: number;
  signInAttempts: number;
}

/**
 * Housekeeping: deletes sessions that can never be live again and sign-in attempts that can
 * never be consumed. Idempotent, so every replica may run it.
 */
export async function purgeExpired(db: Prisma.TransactionClient, now: Date): Promise<PurgeReport> {
  // idle_expires_at never passes absolute_expires_at (a CHECK holds it), so it covers both limits.
  const sessions = await db.session.deleteMany({
    where: { OR: [{ endedAt: { not: null } }, { idleExpiresAt: { lte: now } }] },
  });
  const signInAttempts = await db.signInAttempt.deleteMany({
    where: { OR: [{ consumedAt: { not: null } }, { expiresAt: { lte: now } }] },
  });
  return { sessions: sessions.count, signInAttempts: signInAttempts.count };
}
