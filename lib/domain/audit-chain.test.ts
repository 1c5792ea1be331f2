import { describe, expect, it } from "vitest";
import { auditHash, GENESIS_HASH, verifyChainSegment, type AuditContent } from "./audit-chain";

function chain(count: number) {
  const rows = [];
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
    rows.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe("audit chain", () => {
  it("verifies an intact chain and returns where to continue", () => {
    const rows = chain(3);
    expect(verifyChainSegment(rows, GENESIS_HASH, 0n)).toEqual({ ok: true, lastHash: rows[2]!.hash, lastSeq: 3n });
  });

  it("names the first changed row", () => {
    const rows = chain(3);
    rows[1] = { ...rows[1]!, data: { rationale: "edited" } };
    expect(verifyChainSegment(rows, GENESIS_HASH, 0n)).toMatchObject({ ok: false, broken: { seq: 2n } });
  });

  it("names the row after a deleted one", () => {
    const rows = chain(3);
    rows.splice(1, 1);
    expect(verifyChainSegment(rows, GENESIS_HASH, 0n)).toMatchObject({ ok: false, broken: { seq: 3n } });
  });

  it("detects a rewritten prev_hash even with a recomputed hash", () => {
    const rows = chain(2);
    const forgedPrev = "f".repeat(64);
    const { prevHash: _p, hash: _h, ...content } = rows[1]!;
    rows[1] = { ...content, prevHash: forgedPrev, hash: auditHash(forgedPrev, content) };
    expect(verifyChainSegment(rows, GENESIS_HASH, 0n)).toMatchObject({ ok: false, broken: { seq: 2n } });
  });
});
