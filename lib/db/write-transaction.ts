import "server-only";
import { Prisma, type PrismaClient } from "./generated/client";

// Long enough for the audit chain's lock under contention, short enough that a stuck write fails.
const WRITE_TIMEOUT_MS = 15_000;

/** A unique constraint refused the row; `on` names a column the constraint covers, when known. */
export function isUniqueViolation(error: unknown, on?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  // Where the column's name sits in meta differs between Prisma's engines and driver adapters.
  return on === undefined || JSON.stringify(error.meta ?? {}).includes(on);
}

export interface WriteConflicts<T> {
  /** The idempotency key was used by a concurrent call of the same action: answer as a replay. */
  replay?: () => Promise<T>;
  /** Any other unique violation (the error says which constraint): usually a RefusedError saying what already exists. */
  duplicate?: (error: unknown) => Promise<T> | never;
}

/**
 * The one way a write verb commits: one transaction (its changes, its outbox job and its audit row
 * together) with a time limit; a concurrent twin that won the race becomes a replay or a refusal.
 */
export async function writeTransaction<T>(db: PrismaClient, work: (tx: Prisma.TransactionClient) => Promise<T>, conflicts: WriteConflicts<T> = {}): Promise<T> {
  try {
    return await db.$transaction(work, { timeout: WRITE_TIMEOUT_MS });
  } catch (error) {
    if (conflicts.replay && isUniqueViolation(error, "idempotency")) return conflicts.replay();
    if (conflicts.duplicate && isUniqueViolation(error)) return conflicts.duplicate(error);
    throw error;
  }
}
