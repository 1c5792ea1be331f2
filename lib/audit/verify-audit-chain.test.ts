// The verifier's decisions on a chain held in memory (the database's side is in the int tests).
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/generated/client";
import { auditHash, auditKey, auditMac, GENESIS_HASH, signCheckpoint, type AuditCheckpoint, type AuditRow } from "@/lib/domain/audit-chain";
import type { AuditCheckpointStore, StoredCheckpoint } from "./audit-checkpoint-store";
import type { AuditKeyring } from "./audit-keys";
import { verifyAuditChain } from "./verify-audit-chain";

const KEY = auditKey(Buffer.alloc(32, 51));
const keyring: AuditKeyring = { current: KEY, verifying: new Map([[KEY.id, KEY.secret]]), source: "test" };
const noKey: AuditKeyring = { current: null, verifying: new Map(), source: null };

function chain(count: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const content = { seq: BigInt(i), occurredAt: new Date(Date.UTC(2026, 11, 3, 9, i)), actorId: "a", actorName: "Ada", action: "policy.changed", subjectType: "policy", subjectId: "p", data: { i }, requestId: null };
    const hash = auditHash(prev, content);
    rows.push({ ...content, prevHash: prev, hash, mac: auditMac(KEY.secret, hash), macKeyId: KEY.id });
    prev = hash;
  }
  return rows;
}

/** Just what the verifier calls: seq > gt, ascending, take. */
function fakeDb(rows: AuditRow[]): PrismaClient {
  const findMany = async ({ where, take }: { where: { seq: { gt: bigint } }; take: number }) => rows.filter((row) => row.seq > where.seq.gt).slice(0, take);
  return { auditEvent: { findMany } } as unknown as PrismaClient;
}

function memoryStore(lines: (AuditCheckpoint | string)[]): AuditCheckpointStore {
  const stored: StoredCheckpoint[] = lines.map((entry, index) => (typeof entry === "string" ? { line: index + 1, unreadable: entry } : { line: index + 1, checkpoint: entry }));
  return { location: "memory", append: async () => undefined, latest: async () => null, readAll: async () => stored };
}

const at = new Date("2026-12-03T10:00:00Z");
const checkpointOf = (rows: AuditRow[], seq: number) => signCheckpoint(KEY, rows[seq - 1]!, at);

describe("verifyAuditChain with checkpoints", () => {
  it("passes when every checkpoint names a row with its hash", async () => {
    const rows = chain(5);
    const result = await verifyAuditChain(fakeDb(rows), { keyring, checkpoints: memoryStore([checkpointOf(rows, 2), checkpointOf(rows, 5)]) });
    expect(result).toEqual({ ok: true, rows: 5n, macsFrom: 1n, checkpoints: { count: 2, newest: checkpointOf(rows, 5) } });
  });

  it("names the first missing row when a checkpoint reaches beyond the chain's end", async () => {
    const rows = chain(5);
    const result = await verifyAuditChain(fakeDb(rows.slice(0, 3)), { keyring, checkpoints: memoryStore([checkpointOf(rows, 2), checkpointOf(rows, 5)]) });
    expect(result).toEqual({ ok: false, broken: { seq: 4n, reason: expect.stringMatching(/line 2 .* recorded seq 5, but the chain ends at seq 3: the newest rows were deleted/) } });
    expect(await verifyAuditChain(fakeDb([]), { keyring, checkpoints: memoryStore([checkpointOf(rows, 2)]) })).toMatchObject({ ok: false, broken: { seq: 1n } });
  });

  it("reports a checkpoint's disagreement before a later break in the same page", async () => {
    const rows = chain(5);
    const tampered = rows.map((row) => (row.seq === 5n ? { ...row, mac: "0".repeat(64) } : row));
    const other = signCheckpoint(KEY, { seq: 2n, hash: "e".repeat(64) }, at);
    expect(await verifyAuditChain(fakeDb(tampered), { keyring, checkpoints: memoryStore([other]) })).toMatchObject({ ok: false, broken: { seq: 2n, reason: expect.stringContaining("recorded another hash") } });
  });

  it("calls a checkpoint forged when its MAC does not hold or its line does not read, before judging the chain", async () => {
    const rows = chain(3);
    const forged = { ...checkpointOf(rows, 3), mac: "f".repeat(64) };
    expect(await verifyAuditChain(fakeDb(rows), { keyring, checkpoints: memoryStore([checkpointOf(rows, 1), forged]) })).toEqual({ ok: false, forged: { line: 2, reason: expect.stringContaining("MAC does not hold") } });
    expect(await verifyAuditChain(fakeDb(rows), { keyring, checkpoints: memoryStore(["it is not JSON"]) })).toEqual({ ok: false, forged: { line: 1, reason: "the line does not read: it is not JSON" } });
  });

  it("cannot verify checkpoints or MACs without a key", async () => {
    const rows = chain(3);
    expect(await verifyAuditChain(fakeDb(rows), { keyring: noKey, checkpoints: memoryStore([checkpointOf(rows, 3)]) })).toMatchObject({ ok: false, unverifiable: expect.stringContaining("no MAC key is configured") });
    expect(await verifyAuditChain(fakeDb(rows), { keyring: noKey, checkpoints: memoryStore([]) })).toMatchObject({ ok: false, unverifiable: expect.stringContaining("from seq 1 on") });
  });
});
