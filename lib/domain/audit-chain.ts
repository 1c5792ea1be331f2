import { createHash, createHmac } from "node:crypto";
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

/** A row as stored: its content, the chain's hashes and, when a key was configured, its MAC. */
export type AuditRow = AuditContent & { prevHash: string; hash: string; mac: string | null; macKeyId: string | null };

/** The hash the first row chains from. */
export const GENESIS_HASH = "0".repeat(64);

export function auditHash(prevHash: string, content: AuditContent): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(content)).digest("hex");
}

/** A MAC key held outside the database; `id` is stored with each row so several keys can verify. */
export interface AuditKey {
  id: string;
  secret: Buffer;
}

/**
 * A key's id is a fingerprint of the key itself, so it cannot be mislabelled when keys rotate.
 * 64 bits of a hash of a 256-bit random key give nothing away about the key.
 */
export function auditKeyId(secret: Buffer): string {
  return createHash("sha256").update("stagegate audit key id\n").update(secret).digest("hex").slice(0, 16);
}

export function auditKey(secret: Buffer): AuditKey {
  return { id: auditKeyId(secret), secret };
}

/** mac = HMAC-SHA256(key, hash): whoever lacks the key cannot recompute it after rewriting a row. */
export function auditMac(secret: Buffer, hash: string): string {
  return createHmac("sha256", secret).update(hash).digest("hex");
}

/** A signed statement, kept outside the database, that the chain's row `seq` had hash `hash` at `at`. */
export interface AuditCheckpoint {
  seq: bigint;
  hash: string;
  at: Date;
  keyId: string;
  mac: string;
}

function checkpointMac(secret: Buffer, checkpoint: Omit<AuditCheckpoint, "mac">): string {
  const { seq, hash, at, keyId } = checkpoint;
  return createHmac("sha256", secret).update(canonicalJson({ seq, hash, at, keyId })).digest("hex");
}

export function signCheckpoint(key: AuditKey, head: { seq: bigint; hash: string }, at: Date): AuditCheckpoint {
  const unsigned = { seq: head.seq, hash: head.hash, at, keyId: key.id };
  return { ...unsigned, mac: checkpointMac(key.secret, unsigned) };
}

/** Why a checkpoint cannot be trusted, or null when its MAC holds under one of the keys. */
export function checkpointForgery(checkpoint: AuditCheckpoint, keys: ReadonlyMap<string, Buffer>): string | null {
  const secret = keys.get(checkpoint.keyId);
  if (!secret) return `it is signed with key id ${checkpoint.keyId}, which is not configured (add a retired key to AUDIT_MAC_PREVIOUS_KEYS; otherwise it is forged)`;
  return checkpointMac(secret, checkpoint) === checkpoint.mac ? null : "its MAC does not hold: it was written or altered by someone without the key";
}

export type ChainBreak = { seq: bigint; reason: string };

/** Where a verification stands after some rows: the last row, and the first row that carried a MAC. */
export interface ChainPosition {
  seq: bigint;
  hash: string;
  macsFrom: bigint | null;
}

export const CHAIN_START: ChainPosition = { seq: 0n, hash: GENESIS_HASH, macsFrom: null };

export type SegmentResult =
  | { ok: true; at: ChainPosition }
  | { ok: false; broken: ChainBreak }
  /** The rows carry MACs but no key was given to check them: neither verified nor broken. */
  | { ok: false; unverifiable: string };

/**
 * Recomputes the chain over rows in seq order, continuing from `from`. Every row from the first
 * one carrying a MAC on must carry one that holds under `keys` (a row without one after that was
 * stripped, or written by a replica without the key). Returns the first row that does not hold.
 */
export function verifyChainSegment(rows: AuditRow[], from: ChainPosition, keys: ReadonlyMap<string, Buffer>): SegmentResult {
  let { hash: expectedPrev, macsFrom } = from;
  let expectedSeq = from.seq + 1n;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      return { ok: false, broken: { seq: row.seq, reason: `expected seq ${expectedSeq}, found ${row.seq} (a row is missing)` } };
    }
    if (row.prevHash !== expectedPrev) {
      return { ok: false, broken: { seq: row.seq, reason: "prev_hash does not match the previous row's hash" } };
    }
    const { prevHash: _prev, hash, mac, macKeyId, ...content } = row;
    if (auditHash(expectedPrev, content) !== hash) {
      return { ok: false, broken: { seq: row.seq, reason: "content does not match its hash (the row was changed)" } };
    }
    if (mac === null) {
      if (macsFrom !== null) {
        return { ok: false, broken: { seq: row.seq, reason: `the row carries no MAC, but every row from seq ${macsFrom} on must (its MAC was removed, or a replica writes without AUDIT_MAC_KEY)` } };
      }
    } else {
      if (keys.size === 0) return { ok: false, unverifiable: `rows carry MACs from seq ${row.seq} on, but no MAC key is configured to check them (set AUDIT_MAC_KEY)` };
      const secret = keys.get(macKeyId ?? "");
      if (!secret) {
        return { ok: false, broken: { seq: row.seq, reason: `the row's MAC key id ${macKeyId} is not configured (add a retired key to AUDIT_MAC_PREVIOUS_KEYS; otherwise the row was forged)` } };
      }
      if (auditMac(secret, hash) !== mac) {
        return { ok: false, broken: { seq: row.seq, reason: "the row's MAC does not hold (the row was rewritten and its hash recomputed without the key)" } };
      }
      macsFrom ??= row.seq;
    }
    expectedPrev = hash;
    expectedSeq += 1n;
  }
  return { ok: true, at: { seq: expectedSeq - 1n, hash: expectedPrev, macsFrom } };
}
