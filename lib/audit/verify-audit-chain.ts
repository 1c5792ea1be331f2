import "server-only";
import type { JsonValue } from "@/lib/domain/canonical-json";
import { CHAIN_START, checkpointForgery, verifyChainSegment, type AuditCheckpoint, type ChainBreak } from "@/lib/domain/audit-chain";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { AuditCheckpointStore } from "./audit-checkpoint-store";
import { configuredAuditKeyring, type AuditKeyring } from "./audit-keys";

const PAGE_SIZE = 1000;

export type AuditVerification =
  | {
      ok: true;
      rows: bigint;
      /** The first row carrying a MAC; every later one carries one that holds. Null: no row has one. */
      macsFrom: bigint | null;
      /** How many checkpoints agree with the chain, and the newest; null when no store was given. */
      checkpoints: { count: number; newest: AuditCheckpoint | null } | null;
    }
  /** A row (or a missing row) that does not hold; rows before it verify. */
  | { ok: false; broken: ChainBreak }
  /** A checkpoint that was not signed with a configured key: the store itself was tampered with. */
  | { ok: false; forged: { line: number; reason: string } }
  /** What is there cannot be checked with what is configured (e.g. MACs without a key). */
  | { ok: false; unverifiable: string };

type Checkpoints = { byLine: { line: number; checkpoint: AuditCheckpoint }[]; bySeq: Map<bigint, { line: number; checkpoint: AuditCheckpoint }[]> };

/** Every checkpoint must read and carry a MAC that holds, before any is used to judge the chain. */
async function trustedCheckpoints(store: AuditCheckpointStore, keyring: AuditKeyring): Promise<Checkpoints | Extract<AuditVerification, { ok: false }>> {
  const stored = await store.readAll();
  const checkpoints: Checkpoints = { byLine: [], bySeq: new Map() };
  for (const entry of stored) {
    if ("unreadable" in entry) return { ok: false, forged: { line: entry.line, reason: `the line does not read: ${entry.unreadable}` } };
    if (keyring.verifying.size === 0) return { ok: false, unverifiable: `${store.location} holds checkpoints, but no MAC key is configured to check them (set AUDIT_MAC_KEY)` };
    const forgery = checkpointForgery(entry.checkpoint, keyring.verifying);
    if (forgery) return { ok: false, forged: { line: entry.line, reason: forgery } };
    checkpoints.byLine.push(entry);
    checkpoints.bySeq.set(entry.checkpoint.seq, [...(checkpoints.bySeq.get(entry.checkpoint.seq) ?? []), entry]);
  }
  return checkpoints;
}

function checkpointName({ line, checkpoint }: { line: number; checkpoint: AuditCheckpoint }): string {
  return `the checkpoint on line ${line} (written ${checkpoint.at.toISOString()})`;
}

/**
 * Recomputes the whole chain page by page (memory stays flat however long the trail is): every
 * hash, every MAC from the first MAC'd row on, and, given a checkpoint store, that each
 * checkpoint's row exists with the hash it recorded, so deleting the newest rows or rewriting the
 * chain with recomputed hashes is caught even by someone who trusts nothing in the database.
 */
export async function verifyAuditChain(
  prisma: PrismaClient,
  { keyring = configuredAuditKeyring(), checkpoints: store }: { keyring?: AuditKeyring; checkpoints?: AuditCheckpointStore } = {},
): Promise<AuditVerification> {
  const checkpoints: Checkpoints | Extract<AuditVerification, { ok: false }> = store ? await trustedCheckpoints(store, keyring) : { byLine: [], bySeq: new Map() };
  if ("ok" in checkpoints) return checkpoints;
  let at = CHAIN_START;
  for (;;) {
    const page = await prisma.auditEvent.findMany({ where: { seq: { gt: at.seq } }, orderBy: { seq: "asc" }, take: PAGE_SIZE });
    if (page.length === 0) break;
    const result = verifyChainSegment(
      page.map((row) => ({ ...row, data: row.data as JsonValue })),
      at,
      keyring.verifying,
    );
    // A checkpoint that disagrees with a row before the segment's own break is the first problem.
    const brokenAt = !result.ok && "broken" in result ? result.broken.seq : null;
    for (const row of page) {
      if (brokenAt !== null && row.seq >= brokenAt) break;
      const differing = checkpoints.bySeq.get(row.seq)?.find((entry) => entry.checkpoint.hash !== row.hash);
      if (differing) {
        return { ok: false, broken: { seq: row.seq, reason: `${checkpointName(differing)} recorded another hash for this row: the chain was rewritten at or before it` } };
      }
    }
    if (!result.ok) return result;
    at = result.at;
  }
  const beyond = checkpoints.byLine.filter((entry) => entry.checkpoint.seq > at.seq).sort((a, b) => (a.checkpoint.seq > b.checkpoint.seq ? -1 : 1))[0];
  if (beyond) {
    return {
      ok: false,
      broken: { seq: at.seq + 1n, reason: `${checkpointName(beyond)} recorded seq ${beyond.checkpoint.seq}, but the chain ends at seq ${at.seq}: the newest rows were deleted` },
    };
  }
  return {
    ok: true,
    rows: at.seq,
    macsFrom: at.macsFrom,
    checkpoints: store ? { count: checkpoints.byLine.length, newest: checkpoints.byLine.at(-1)?.checkpoint ?? null } : null,
  };
}
