import { describe, expect, it } from "vitest";
import {
  auditHash,
  auditKey,
  auditMac,
  CHAIN_START,
  checkpointForgery,
  GENESIS_HASH,
  signCheckpoint,
  verifyChainSegment,
  type AuditContent,
  type AuditKey,
  type AuditRow,
} from "./audit-chain";

const KEY = auditKey(Buffer.alloc(32, 7));
const OLD_KEY = auditKey(Buffer.alloc(32, 3));
const keysOf = (...keys: AuditKey[]) => new Map(keys.map((key) => [key.id, key.secret]));

/** Rows 1..count; rows from `macFrom` on carry a MAC under `key` (or `keyFor(seq)`). */
function chain(count: number, { macFrom = Infinity, keyFor = (_seq: number) => KEY } = {}): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const content: AuditContent = {
      seq: BigInt(i),
      occurredAt: new Date(Date.UTC(2026, 10, 1, 0, i)),
      actorId: "oid-1",
      actorName: "Ada",
      action: "promotion.requested",
      subjectType: "model_version",
      subjectId: `churn_xgb/${i}`,
      data: { rationale: `row ${i}` },
      requestId: null,
    };
    const hash = auditHash(prev, content);
    const key = i >= macFrom ? keyFor(i) : null;
    rows.push({ ...content, prevHash: prev, hash, mac: key ? auditMac(key.secret, hash) : null, macKeyId: key?.id ?? null });
    prev = hash;
  }
  return rows;
}

/** What an owner without the key can do: rewrite a row and recompute every later hash. */
function rewriteFrom(rows: AuditRow[], index: number, data: AuditContent["data"]): AuditRow[] {
  const out = rows.slice(0, index);
  let prev = index === 0 ? GENESIS_HASH : rows[index - 1]!.hash;
  for (const row of rows.slice(index)) {
    const { prevHash: _p, hash: _h, mac, macKeyId, ...content } = row;
    const changed = out.length === index ? { ...content, data } : content;
    const hash = auditHash(prev, changed);
    out.push({ ...changed, prevHash: prev, hash, mac, macKeyId });
    prev = hash;
  }
  return out;
}

describe("audit chain", () => {
  it("verifies an intact chain and returns where to continue", () => {
    const rows = chain(3);
    expect(verifyChainSegment(rows, CHAIN_START, new Map())).toEqual({ ok: true, at: { seq: 3n, hash: rows[2]!.hash, macsFrom: null } });
  });

  it("names the first changed row", () => {
    const rows = chain(3);
    rows[1] = { ...rows[1]!, data: { rationale: "edited" } };
    expect(verifyChainSegment(rows, CHAIN_START, new Map())).toMatchObject({ ok: false, broken: { seq: 2n } });
  });

  it("names the row after a deleted one", () => {
    const rows = chain(3);
    rows.splice(1, 1);
    expect(verifyChainSegment(rows, CHAIN_START, new Map())).toMatchObject({ ok: false, broken: { seq: 3n } });
  });

  it("detects a rewritten prev_hash even with a recomputed hash", () => {
    const rows = chain(2);
    const forgedPrev = "f".repeat(64);
    const { prevHash: _p, hash: _h, ...content } = rows[1]!;
    rows[1] = { ...content, prevHash: forgedPrev, hash: auditHash(forgedPrev, content) };
    expect(verifyChainSegment(rows, CHAIN_START, new Map())).toMatchObject({ ok: false, broken: { seq: 2n } });
  });
});

describe("audit row MACs", () => {
  it("verifies MACs from the first MAC'd row on and says where they start", () => {
    const rows = chain(5, { macFrom: 3 });
    expect(verifyChainSegment(rows, CHAIN_START, keysOf(KEY))).toEqual({ ok: true, at: { seq: 5n, hash: rows[4]!.hash, macsFrom: 3n } });
    // Continuing a verification page by page keeps where MACs started.
    const first = verifyChainSegment(rows.slice(0, 3), CHAIN_START, keysOf(KEY));
    expect(first.ok && verifyChainSegment(rows.slice(3), first.at, keysOf(KEY))).toMatchObject({ ok: true, at: { macsFrom: 3n } });
  });

  it("catches a row rewritten with every later hash recomputed, which the hashes alone accept", () => {
    const rewritten = rewriteFrom(chain(4, { macFrom: 1 }), 1, { rationale: "rewritten" });
    expect(verifyChainSegment(rewritten.map((row) => ({ ...row, mac: null, macKeyId: null })), CHAIN_START, new Map())).toMatchObject({ ok: true });
    expect(verifyChainSegment(rewritten, CHAIN_START, keysOf(KEY))).toMatchObject({ ok: false, broken: { seq: 2n, reason: expect.stringContaining("MAC does not hold") } });
  });

  it("refuses a row without a MAC after MACs started (stripped, or a replica without the key)", () => {
    const rows = chain(4, { macFrom: 2 });
    rows[3] = { ...rows[3]!, mac: null, macKeyId: null };
    expect(verifyChainSegment(rows, CHAIN_START, keysOf(KEY))).toMatchObject({ ok: false, broken: { seq: 4n, reason: expect.stringContaining("every row from seq 2 on") } });
  });

  it("verifies rows of a retired key when it is still configured, and names an unknown key id", () => {
    const rotated = chain(4, { macFrom: 1, keyFor: (seq) => (seq <= 2 ? OLD_KEY : KEY) });
    expect(verifyChainSegment(rotated, CHAIN_START, keysOf(KEY, OLD_KEY))).toMatchObject({ ok: true, at: { macsFrom: 1n } });
    expect(verifyChainSegment(rotated, CHAIN_START, keysOf(KEY))).toMatchObject({ ok: false, broken: { seq: 1n, reason: expect.stringContaining(`key id ${OLD_KEY.id} is not configured`) } });
  });

  it("cannot verify MACs without any key, and says so rather than passing or breaking", () => {
    expect(verifyChainSegment(chain(2, { macFrom: 2 }), CHAIN_START, new Map())).toEqual({ ok: false, unverifiable: expect.stringContaining("from seq 2 on") });
  });

  it("derives a key's id from the key, so two keys never share one", () => {
    expect(KEY.id).toMatch(/^[0-9a-f]{16}$/);
    expect(auditKey(Buffer.alloc(32, 7)).id).toBe(KEY.id);
    expect(OLD_KEY.id).not.toBe(KEY.id);
  });
});

describe("audit checkpoints", () => {
  const head = { seq: 42n, hash: "a".repeat(64) };
  const at = new Date("2026-12-03T09:00:00Z");

  it("holds under the key that signed it, and under it when retired", () => {
    const checkpoint = signCheckpoint(OLD_KEY, head, at);
    expect(checkpoint).toMatchObject({ seq: 42n, hash: head.hash, at, keyId: OLD_KEY.id, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(checkpointForgery(checkpoint, keysOf(KEY, OLD_KEY))).toBeNull();
  });

  it("is a forgery when any signed field changed or another key signed it under this key's id", () => {
    const checkpoint = signCheckpoint(KEY, head, at);
    for (const changed of [{ seq: 41n }, { hash: "b".repeat(64) }, { at: new Date("2026-12-03T09:00:01Z") }]) {
      expect(checkpointForgery({ ...checkpoint, ...changed }, keysOf(KEY))).toMatch(/MAC does not hold/);
    }
    const impostor = { ...signCheckpoint(auditKey(Buffer.alloc(32, 9)), head, at), keyId: KEY.id };
    expect(checkpointForgery(impostor, keysOf(KEY))).toMatch(/MAC does not hold/);
    expect(checkpointForgery(signCheckpoint(OLD_KEY, head, at), keysOf(KEY))).toMatch(/not configured/);
  });
});
