import "server-only";
import type { Logger } from "pino";
import type { Database } from "@/lib/db/open-database";
import type { OutboxJob } from "@/lib/db/generated/client";

/** One kind of background job: what to do, and how to record a failed attempt. */
export interface JobHandler {
  run(payload: unknown, job: OutboxJob): Promise<void>;
  /** Called after a failed attempt; `final` when no attempt is left. */
  recordFailure?(payload: unknown, message: string, final: boolean): Promise<void>;
}

export interface OutboxWorkerDeps {
  database: Database;
  handlers: Record<string, JobHandler>;
  logger: Pick<Logger, "info" | "warn" | "error">;
  now?: () => Date;
  /** Work that only the leader does on each tick, such as expiring requests. */
  housekeeping?: () => Promise<void>;
}

// Any number of replicas may run the worker; the one holding this lock does the work.
export const OUTBOX_LEADER_LOCK_KEY = 5_730_002;
const CLAIM_MS = 60_000;
const BATCH = 10;

/** Seconds before attempt n+1: 2, 4, 8 … capped at 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(1, attempts));
}

/** One pass: become leader if nobody is, run due jobs, record each outcome. */
export async function runOutboxOnce(deps: OutboxWorkerDeps): Promise<{ leader: boolean; ran: number }> {
  return deps.database.withSession(async (session) => {
    const [lock] = await session.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [OUTBOX_LEADER_LOCK_KEY]);
    if (!lock?.locked) return { leader: false, ran: 0 };
    try {
      try {
        await deps.housekeeping?.();
      } catch (error) {
        // An upstream outage in housekeeping must not hold back jobs such as a rollback.
        deps.logger.error({ err: error }, "background housekeeping failed");
      }
      const ran = await runDueJobs(deps);
      return { leader: true, ran };
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [OUTBOX_LEADER_LOCK_KEY]);
    }
  });
}

async function runDueJobs(deps: OutboxWorkerDeps): Promise<number> {
  const { prisma } = deps.database;
  const now = deps.now?.() ?? new Date();
  // Running jobs whose claim lapsed were held by a replica that died mid-job: take them back.
  const due = await prisma.outboxJob.findMany({
    where: {
      OR: [
        { status: "pending", nextAttemptAt: { lte: now } },
        { status: "running", lockedUntil: { lt: now } },
      ],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
  });
  for (const job of due) {
    const claimed = await prisma.outboxJob.updateMany({
      where: { id: job.id, status: job.status, attempts: job.attempts },
      data: { status: "running", attempts: { increment: 1 }, lockedUntil: new Date(now.getTime() + CLAIM_MS) },
    });
    if (claimed.count === 0) continue;
    await runJob(deps, { ...job, attempts: job.attempts + 1 });
  }
  return due.length;
}

async function runJob(deps: OutboxWorkerDeps, job: OutboxJob): Promise<void> {
  const { prisma } = deps.database;
  const handler = deps.handlers[job.kind];
  try {
    if (!handler) throw new Error(`no handler for background job kind "${job.kind}"`);
    await handler.run(job.payload, job);
    await prisma.outboxJob.update({ where: { id: job.id }, data: { status: "succeeded", completedAt: new Date(), lockedUntil: null, lastError: null } });
    deps.logger.info({ jobId: job.id, kind: job.kind, attempts: job.attempts }, "background job done");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const final = job.attempts >= job.maxAttempts;
    const nextAttemptAt = new Date((deps.now?.() ?? new Date()).getTime() + retryDelayMs(job.attempts));
    await prisma.outboxJob.update({
      where: { id: job.id },
      data: { status: final ? "failed" : "pending", lastError: message.slice(0, 2000), lockedUntil: null, nextAttemptAt, completedAt: final ? new Date() : null },
    });
    deps.logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, final, err: error }, "background job failed");
    try {
      await handler?.recordFailure?.(job.payload, message, final);
    } catch (recordError) {
      deps.logger.error({ jobId: job.id, err: recordError }, "could not record a background job's failure");
    }
  }
}
