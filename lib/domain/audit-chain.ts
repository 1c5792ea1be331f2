import { createHash } from "node:crypto";
import { canonicalJson, type JsonValue } from "./canonical-json";

/** The hashed content of an audit event: everything but its own hash and the previous one. */
export interface AuditContent {
  seq: bigint;
  occurredAt: Date;
  actorId: string;
  actorName: string;
  action: string;
  subjectType: string;
  subjectId: string;
  data: JsonValue;
  requestId: string | null;
}

/** The hash the first row chains from. */
export const GENESIS_HASH = "0".repeat(64);

export function auditHash(prevHash: string, content: AuditContent): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(content)).digest("hex");
}

export type ChainBreak = { seq: bigint; reason: string };

/**
 * Recomputes the chain over rows in seq order, continuing from `prevHash`. Returns the first
 * row that does not hold, or the hash to continue from.
 */
export function verifyChainSegment(
  rows: (AuditContent & { prevHash: string; hash: string })[],
  prevHash: string,
  prevSeq: bigint,
): { ok: true; lastHash: string; lastSeq: bigint } | { ok: false; broken: ChainBreak } {
  let expectedPrev = prevHash;
  let expectedSeq = prevSeq + 1n;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      return { ok: false, broken: { seq: row.seq, reason: `expected seq ${expectedSeq}, found ${row.seq} (a row is missing)` } };
    }
    if (row.prevHash !== expectedPrev) {
      return { ok: false, broken: { seq: row.seq, reason: "prev_hash does not match the previous row's hash" } };
    }
    const { prevHash: _prev, hash, ...content } = row;
    if (auditHash(expectedPrev, content) !== hash) {
      return { ok: false, broken: { seq: row.seq, reason: "content does not match its hash (the row was changed)" } };
    }
    expectedPrev = hash;
    expectedSeq += 1n;
  }
  return { ok: true, lastHash: expectedPrev, lastSeq: expectedSeq - 1n };
}
