import { describe, expect, it, vi } from "vitest";
import { auditKey, auditMac } from "@/lib/domain/audit-chain";
import { rawSql, TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { appendAuditEvent, type AuditEventInput } from "./append-audit-event";
import { verifyAuditChain } from "./verify-audit-chain";

// The process's key, as AUDIT_MAC_KEY would give it (read on first use, after this line).
const KEY = Buffer.alloc(32, 11);
vi.stubEnv("AUDIT_MAC_KEY", KEY.toString("base64"));

const event = (n: number): AuditEventInput => ({
  actorId: "oid-lead",
  actorName: "Lee Lead",
  action: "promotion.approved",
  subjectType: "promotion",
  subjectId: `request-${n}`,
  data: { rationale: `beats champion ${n}`, rules: [{ metric: "auc", passed: true }] },
  requestId: `req-0000000${n}`,
});

describe(`audit trail on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  it("chains each event to the previous one, MACs its hash with the configured key, and verifies", async () => {
    const { prisma } = currentDatabase().database;
    for (const n of [1, 2, 3]) await prisma.$transaction((tx) => appendAuditEvent(tx, event(n)));
    const rows = await prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((row) => row.seq)).toEqual([1n, 2n, 3n]);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    for (const row of rows) expect(row).toMatchObject({ mac: auditMac(KEY, row.hash), macKeyId: auditKey(KEY).id });
    expect(await verifyAuditChain(prisma)).toEqual({ ok: true, rows: 3n, macsFrom: 1n, checkpoints: null });
  });

  it("is refused UPDATE, DELETE and TRUNCATE by the database itself", async () => {
    const { prisma } = currentDatabase().database;
    await prisma.$transaction((tx) => appendAuditEvent(tx, event(1)));
    const sql = rawSql(currentDatabase());
    await expect(sql(`UPDATE audit_events SET actor_name = 'Mallory'`)).rejects.toThrow(/append-only: UPDATE is refused/);
    await expect(sql(`DELETE FROM audit_events`)).rejects.toThrow(/append-only: DELETE is refused/);
    await expect(sql(`TRUNCATE audit_events`)).rejects.toThrow(/append-only: TRUNCATE is refused/);
    await expect(prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await prisma.auditEvent.count()).toBe(1);
  });

  it("rolls the event back with the transaction it belongs to", async () => {
    const { prisma } = currentDatabase().database;
    await expect(
      prisma.$transaction(async (tx) => {
        await appendAuditEvent(tx, event(1));
        throw new Error("the decision failed");
      }),
    ).rejects.toThrow("the decision failed");
    expect(await prisma.auditEvent.count()).toBe(0);
  });

  it("keeps one unbroken chain when many writers append at once", async () => {
    const { prisma } = currentDatabase().database;
    await Promise.all(
      Array.from({ length: 12 }, (_, n) => prisma.$transaction((tx) => appendAuditEvent(tx, event(n)))),
    );
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true, rows: 12n, macsFrom: 1n });
  });

  it("detects a row changed behind the trigger's back", async () => {
    const { prisma } = currentDatabase().database;
    for (const n of [1, 2, 3]) await prisma.$transaction((tx) => appendAuditEvent(tx, event(n)));
    await currentDatabase().database.withSession(async (session) => {
      await session.runScript(`
        ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete;
        UPDATE audit_events SET data = '{"rationale":"rewritten"}' WHERE seq = 2;
        ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete;`);
    });
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: false, broken: { seq: 2n } });
  });
});
