import "server-only";
import type { Logger } from "pino";
import { getConfig } from "@/lib/config";
import { signCheckpoint, type AuditCheckpoint } from "@/lib/domain/audit-chain";
import type { Services } from "@/lib/services/services";
import { auditCheckpointStoreFor, type AuditCheckpointStore } from "./audit-checkpoint-store";
import { configuredAuditKeyring, type AuditKeyring } from "./audit-keys";

export type CheckpointOutcome =
  | { outcome: "written"; checkpoint: AuditCheckpoint }
  | { outcome: "too-soon" | "unchanged" | "empty" | "no-key" }
  /** The row the last checkpoint names is gone or changed: nothing is signed over a rewritten chain. */
  | { outcome: "diverged"; reason: string };

export interface CheckpointWriterOptions {
  store: AuditCheckpointStore;
  keyring: AuditKeyring;
  /** Least time between two checkpoints (AUDIT_CHECKPOINT_INTERVAL_MS). */
  minIntervalMs: number;
}

/**
 * The leader's checkpointing step: signs the chain's head into the store when it moved since the
 * last checkpoint and at least minIntervalMs passed. Rows appended after the newest checkpoint
 * are protected by their MACs only, so the interval bounds how many newest rows could be deleted
 * unnoticed. Keeps the last checkpoint in memory so most calls cost no I/O.
 */
export function auditCheckpointWriter({ store, keyring, minIntervalMs }: CheckpointWriterOptions) {
  let last: AuditCheckpoint | null | undefined;
  // After a divergence, look again (and report again) only once per interval.
  let divergedAt = 0;
  return async (services: Pick<Services, "db" | "now">): Promise<CheckpointOutcome> => {
    const key = keyring.current;
    if (!key) return { outcome: "no-key" };
    last ??= await store.latest();
    const now = services.now();
    if (now.getTime() - Math.max(last?.at.getTime() ?? 0, divergedAt) < minIntervalMs) return { outcome: "too-soon" };
    const head = await services.db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
    if (!head) return { outcome: "empty" };
    if (last) {
      if (head.seq === last.seq && head.hash === last.hash) return { outcome: "unchanged" };
      const named = await services.db.auditEvent.findUnique({ where: { seq: last.seq }, select: { hash: true } });
      if (named?.hash !== last.hash) {
        divergedAt = now.getTime();
        return {
          outcome: "diverged",
          reason: named
            ? `row ${last.seq}'s hash is no longer the one checkpointed at ${last.at.toISOString()}`
            : `row ${last.seq}, checkpointed at ${last.at.toISOString()}, is gone (the chain ends at seq ${head.seq})`,
        };
      }
    }
    const checkpoint = signCheckpoint(key, head, now);
    await store.append(checkpoint);
    last = checkpoint;
    return { outcome: "written", checkpoint };
  };
}

/**
 * The background leader's step (lib/outbox/background-work.ts), on this process's settings. Its
 * own failure is logged and holds back neither the rest of the housekeeping nor the jobs.
 */
export function auditCheckpointHousekeeping(logger: Pick<Logger, "info" | "warn" | "error">) {
  let write: ReturnType<typeof auditCheckpointWriter> | undefined;
  let warnedNoKey = false;
  return async (services: Pick<Services, "db" | "now">): Promise<void> => {
    try {
      const config = getConfig();
      write ??= auditCheckpointWriter({ store: auditCheckpointStoreFor(config), keyring: configuredAuditKeyring(), minIntervalMs: config.AUDIT_CHECKPOINT_INTERVAL_MS });
      const result = await write(services);
      if (result.outcome === "written") logger.info({ seq: result.checkpoint.seq.toString(), hash: result.checkpoint.hash }, "audit checkpoint written");
      if (result.outcome === "diverged") logger.error({ reason: result.reason }, "audit chain diverged from its last checkpoint; nothing signed (run npm run audit:verify)");
      if (result.outcome === "no-key" && !warnedNoKey) {
        warnedNoKey = true;
        logger.warn("AUDIT_MAC_KEY is not set: audit rows carry no MAC and no checkpoints are written, so the audit trail is not tamper-evident against the database's owner");
      }
    } catch (error) {
      logger.error({ err: error }, "audit checkpoint failed");
    }
  };
}
