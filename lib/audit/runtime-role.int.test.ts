// The app's runtime role (npm run db:grant-runtime-role) appends to the audit trail through the
// app's own code but can neither change written rows nor switch their triggers off: it does not
// own the table. PostgreSQL only: the embedded database has a single user.
import { describe, expect, it, vi } from "vitest";
import { createTempRuntimeRole, type TempRuntimeRole } from "@/lib/db/testing/temp-runtime-role";
import { grantRuntimeRole } from "@/lib/db/runtime-role";
import { writeTransaction } from "@/lib/db/write-transaction";
import { auditKey } from "@/lib/domain/audit-chain";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { appendAuditEvent } from "./append-audit-event";
import { verifyAuditChain } from "./verify-audit-chain";

const KEY = Buffer.alloc(32, 31);
vi.stubEnv("AUDIT_MAC_KEY", KEY.toString("base64"));

const PERMISSION_DENIED = /permission denied for table audit_events/;
const NOT_OWNER = /must be owner of (table|relation) audit_events/;

describe.runIf(TEST_DATABASE_KIND === "postgresql")("the runtime database role", () => {
  const currentDatabase = useMigratedTempDatabase();

  async function withRuntimeRole(test: (runtime: TempRuntimeRole) => Promise<void>) {
    const runtime = await createTempRuntimeRole(currentDatabase());
    try {
      await test(runtime);
    } finally {
      await runtime.drop();
    }
  }

  it("appends audit events through the app's code path, and the chain verifies", () =>
    withRuntimeRole(async (runtime) => {
      const db = runtime.database.prisma;
      for (const n of [1, 2, 3]) {
        await writeTransaction(db, (tx) =>
          appendAuditEvent(tx, { actorId: "lead", actorName: "Priya", action: "promotion.approved", subjectType: "model_version", subjectId: `churn_xgb/${n}`, data: { n } }),
        );
      }
      const [who] = await runtime.database.withSession((session) => session.query<{ current_user: string }>("SELECT current_user"));
      expect(who?.current_user).toBe(runtime.role);
      expect(await db.auditEvent.findFirst({ where: { seq: 3n } })).toMatchObject({ macKeyId: auditKey(KEY).id });
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 3n, macsFrom: 1n });
    }));

  it("cannot disable the audit trail's triggers nor UPDATE, DELETE or TRUNCATE it: it does not own it", () =>
    withRuntimeRole(async (runtime) => {
      await writeTransaction(runtime.database.prisma, (tx) =>
        appendAuditEvent(tx, { actorId: "lead", actorName: "Priya", action: "promotion.approved", subjectType: "model_version", subjectId: "churn_xgb/1", data: {} }),
      );
      const asRuntime = (sql: string) => runtime.database.withSession((session) => session.runScript(sql));
      await expect(asRuntime("ALTER TABLE audit_events DISABLE TRIGGER USER")).rejects.toThrow(NOT_OWNER);
      await expect(asRuntime("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete")).rejects.toThrow(NOT_OWNER);
      await expect(asRuntime("DROP TRIGGER audit_events_no_update_delete ON audit_events")).rejects.toThrow(NOT_OWNER);
      await expect(asRuntime("ALTER TABLE audit_events OWNER TO CURRENT_USER")).rejects.toThrow(NOT_OWNER);
      await expect(asRuntime("UPDATE audit_events SET actor_name = 'Mallory'")).rejects.toThrow(PERMISSION_DENIED);
      await expect(asRuntime("DELETE FROM audit_events")).rejects.toThrow(PERMISSION_DENIED);
      await expect(asRuntime("TRUNCATE audit_events")).rejects.toThrow(PERMISSION_DENIED);
      // Nor may it rewrite the migrations' bookkeeping, or change other append-only evidence.
      await expect(asRuntime(`DELETE FROM "_prisma_migrations"`)).rejects.toThrow(/permission denied for table _prisma_migrations/);
      await expect(asRuntime("DELETE FROM promotion_decisions")).rejects.toThrow(/permission denied for table promotion_decisions/);
      expect(await currentDatabase().database.prisma.auditEvent.count()).toBe(1);
    }));

  it("keeps the DML the app needs on the other tables", () =>
    withRuntimeRole(async (runtime) => {
      const db = runtime.database.prisma;
      const job = await db.outboxJob.create({ data: { kind: "test.job", payload: {}, idempotencyKey: "runtime-1" } });
      await db.outboxJob.update({ where: { id: job.id }, data: { status: "running", attempts: { increment: 1 } } });
      await db.outboxJob.delete({ where: { id: job.id } });
      const user = await db.user.create({ data: { oid: "oid-1", tenantId: "tenant-1", name: "Ada" } });
      await db.user.update({ where: { id: user.id }, data: { lastSeenAt: new Date() } });
      expect(await db.user.count()).toBe(1);
    }));

  it("refuses to make a superuser or the tables' owner the runtime role", async () => {
    const owner = currentDatabase().database;
    const [me] = await owner.withSession((session) => session.query<{ current_user: string }>("SELECT current_user"));
    await expect(owner.withSession((session) => grantRuntimeRole(session, me!.current_user))).rejects.toThrow(/superuser|owner of audit_events/);
    await expect(owner.withSession((session) => grantRuntimeRole(session, "stagegate_no_such_role"))).rejects.toThrow(/role stagegate_no_such_role does not exist/);
  });
});
