import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempDatabase, rawSql, TEST_DATABASE_KIND, type TempDatabase } from "@/testing/temp-database";
import { Prisma } from "../generated/client";
import { applyPendingMigrations, DEFAULT_MIGRATIONS_DIR, MigrationError, readMigrations } from "./apply-migrations";

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "stagegate-migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function tableExists(temp: TempDatabase, table: string): Promise<boolean> {
  const rows = await rawSql(temp)<{ exists: boolean }>("SELECT to_regclass($1) IS NOT NULL AS exists", [table]);
  return rows[0]!.exists;
}

describe(`migration runner on ${TEST_DATABASE_KIND}`, () => {
  let temp: TempDatabase;
  beforeEach(async () => {
    temp = await createTempDatabase();
  });
  afterEach(async () => {
    await temp.drop();
  });

  it("applies every migration once, bookkept as Prisma does; a second run is a no-op", async () => {
    const first = await applyPendingMigrations(temp.database);
    const names = readMigrations().map((migration) => migration.name);
    expect(first).toEqual({ applied: names, alreadyApplied: [] });

    const second = await applyPendingMigrations(temp.database);
    expect(second).toEqual({ applied: [], alreadyApplied: names });

    const rows = await rawSql(temp)<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toHaveLength(names.length);
    for (const migration of readMigrations()) {
      const row = rows.find((candidate) => candidate.migration_name === migration.name)!;
      expect(row.checksum).toBe(createHash("sha256").update(migration.sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it.runIf(TEST_DATABASE_KIND === "postgresql")("lets several replicas migrate a fresh database at once: one applies, the others find it done", async () => {
    const replicas = [temp.database, await temp.openAnother(), await temp.openAnother()];
    const reports = await Promise.all(replicas.map((replica) => applyPendingMigrations(replica)));
    const names = readMigrations().map((migration) => migration.name);
    expect(reports.flatMap((report) => report.applied).sort()).toEqual(names);
    const rows = await rawSql(temp)<{ count: string }>(`SELECT count(*)::text AS count FROM "_prisma_migrations"`);
    expect(rows[0]!.count).toBe(String(names.length));
  });

  it("refuses an applied migration that was edited, naming it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stagegate-migrations-"));
    cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    await applyPendingMigrations(temp.database, dir);
    const [first] = readMigrations(dir);
    writeFileSync(path.join(dir, first!.name, "migration.sql"), `${first!.sql}\n-- edited afterwards\n`);

    const attempt = applyPendingMigrations(temp.database, dir);
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(new RegExp(`${first!.name} was edited`));
  });

  it("rolls a failing migration back whole, records it, and stops every later run", async () => {
    const dir = migrationsDir({
      "20260101000000_first": `CREATE TABLE "first_table" (id int);`,
      "20260102000000_broken": `CREATE TABLE "half_done" (id int);\nINSERT INTO "no_such_table" VALUES (1);`,
      "20260103000000_after": `CREATE TABLE "after_table" (id int);`,
    });

    await expect(applyPendingMigrations(temp.database, dir)).rejects.toThrow(/20260102000000_broken failed/);
    expect(await tableExists(temp, "first_table")).toBe(true);
    expect(await tableExists(temp, "half_done")).toBe(false);
    expect(await tableExists(temp, "after_table")).toBe(false);

    const [broken] = await rawSql(temp)<{ finished_at: Date | null; logs: string | null }>(
      `SELECT finished_at, logs FROM "_prisma_migrations" WHERE migration_name = '20260102000000_broken'`,
    );
    expect(broken!.finished_at).toBeNull();
    expect(broken!.logs).toMatch(/no_such_table/);

    await expect(applyPendingMigrations(temp.database, dir)).rejects.toThrow(
      /20260102000000_broken failed earlier and is not resolved/,
    );
    expect(await tableExists(temp, "after_table")).toBe(false);
  });

  it("leaves a schema in which every Prisma model round-trips through the generated client", async () => {
    await applyPendingMigrations(temp.database);
    const { prisma } = temp.database;
    const roundTripped = new Set<string>();

    const user = await prisma.user.create({ data: { oid: "oid-1", tenantId: "tenant-1", name: "Ada", email: "ada@contoso.com" } });
    expect(await prisma.user.findUniqueOrThrow({ where: { tenantId_oid: { tenantId: "tenant-1", oid: "oid-1" } } })).toEqual(user);
    roundTripped.add(Prisma.ModelName.User);

    const event = await prisma.auditEvent.create({
      data: {
        seq: 1n,
        occurredAt: new Date("2026-11-01T10:00:00.123Z"),
        actorId: "oid-1",
        actorName: "Ada",
        action: "test.created",
        subjectType: "test",
        subjectId: "1",
        data: { nested: { list: [1, "two", null], flag: true } },
        requestId: "req-12345678",
        prevHash: "0".repeat(64),
        hash: "a".repeat(64),
        mac: "b".repeat(64),
        macKeyId: "0123456789abcdef",
      },
    });
    expect(await prisma.auditEvent.findUniqueOrThrow({ where: { seq: 1n } })).toEqual(event);
    roundTripped.add(Prisma.ModelName.AuditEvent);

    const job = await prisma.outboxJob.create({
      data: { kind: "test.job", payload: { model: "churn_xgb", version: "7" }, idempotencyKey: "key-1" },
    });
    expect(await prisma.outboxJob.findUniqueOrThrow({ where: { idempotencyKey: "key-1" } })).toEqual(job);
    expect(job).toMatchObject({ status: "pending", attempts: 0, maxAttempts: 25, lastError: null });
    await expect(
      prisma.outboxJob.create({ data: { kind: "test.job", payload: {}, idempotencyKey: "key-1" } }),
    ).rejects.toMatchObject({ code: "P2002" });
    roundTripped.add(Prisma.ModelName.OutboxJob);

    const session = await prisma.session.create({
      data: {
        id: "b".repeat(64),
        userId: user.id,
        tenantId: "tenant-1",
        roles: ["Stagegate.Reader", "Stagegate.Approver"],
        createdAt: new Date("2026-11-01T10:00:00.123Z"),
        lastSeenAt: new Date("2026-11-01T10:00:00.123Z"),
        idleExpiresAt: new Date("2026-11-01T18:00:00.123Z"),
        absoluteExpiresAt: new Date("2026-11-02T10:00:00.123Z"),
        endedAt: new Date("2026-11-01T11:00:00.000Z"),
        endReason: "signed_out",
        userAgent: "Mozilla/5.0",
        ipAddress: "203.0.113.7",
      },
    });
    expect(await prisma.session.findUniqueOrThrow({ where: { id: session.id }, include: { user: true } })).toEqual({ ...session, user });
    roundTripped.add(Prisma.ModelName.Session);

    const attempt = await prisma.signInAttempt.create({
      data: {
        state: "state-1",
        nonce: "nonce-1",
        codeVerifier: "verifier-1",
        returnTo: "/models",
        createdAt: new Date("2026-11-01T10:00:00.123Z"),
        expiresAt: new Date("2026-11-01T10:10:00.123Z"),
        consumedAt: null,
      },
    });
    expect(await prisma.signInAttempt.findUniqueOrThrow({ where: { state: "state-1" } })).toEqual(attempt);
    await expect(prisma.signInAttempt.create({ data: { ...attempt, nonce: "nonce-2" } })).rejects.toMatchObject({ code: "P2002" });
    roundTripped.add(Prisma.ModelName.SignInAttempt);

    // Versioned settings (policy, templates): the migrations carry policy v1 and both templates over.
    const setting = (kind: string, name: string, version: number) => ({ kind_name_version: { kind, name, version } });
    const policy = await prisma.settingsVersion.findUniqueOrThrow({ where: setting("promotion_policy", "default", 1) });
    expect(policy.content).toMatchObject({ quorum: 1, requestTtlDays: 7 });
    const policy2 = await prisma.settingsVersion.create({
      data: { kind: "promotion_policy", name: "default", version: 2, content: { rules: [], quorum: 2, requestTtlDays: 3 }, createdById: "admin", createdByName: "Grace", changeNote: "quorum 2", idempotencyKey: "policy-2" },
    });
    expect(await prisma.settingsVersion.findUniqueOrThrow({ where: setting("promotion_policy", "default", 2) })).toEqual(policy2);
    // Append-only: a version is never edited, and a second save of the same version is refused.
    await expect(prisma.settingsVersion.update({ where: setting("promotion_policy", "default", 2), data: { changeNote: "edited" } })).rejects.toThrow(/append-only/);
    await expect(prisma.settingsVersion.delete({ where: setting("promotion_policy", "default", 2) })).rejects.toThrow(/append-only/);
    await expect(prisma.settingsVersion.create({ data: { ...policy2, content: {}, idempotencyKey: "policy-2-again" } })).rejects.toMatchObject({ code: "P2002" });
    roundTripped.add(Prisma.ModelName.SettingsVersion);

    const lead = await prisma.user.create({ data: { oid: "oid-2", tenantId: "tenant-1", name: "Lee" } });
    const request = await prisma.promotionRequest.create({
      data: {
        modelName: "churn_xgb",
        modelVersion: "7",
        targetAlias: "champion",
        rationale: "better",
        requestedById: lead.id,
        requestedByName: "Lee",
        quorum: 1,
        policyVersion: 2,
        inputs: { candidate: { metrics: { auc: 0.874 } } },
        idempotencyKey: "request-1",
        expiresAt: new Date("2026-12-01T10:00:00.123Z"),
      },
    });
    expect(await prisma.promotionRequest.findUniqueOrThrow({ where: { id: request.id } })).toEqual(request);
    await expect(prisma.promotionRequest.create({ data: { ...request, id: undefined, inputs: {}, applyError: null, idempotencyKey: "request-2" } })).rejects.toMatchObject({ code: "P2002" });
    roundTripped.add(Prisma.ModelName.PromotionRequest);

    const decision = await prisma.promotionDecision.create({
      data: { requestId: request.id, decidedById: user.id, decidedByName: "Ada", outcome: "approve", comment: "", overrideReason: null, evidence: { passed: true }, evidenceSha256: "c".repeat(64), idempotencyKey: "decision-1" },
    });
    expect(await prisma.promotionDecision.findUniqueOrThrow({ where: { id: decision.id } })).toEqual(decision);
    await expect(prisma.promotionDecision.delete({ where: { id: decision.id } })).rejects.toThrow(/append-only/);
    roundTripped.add(Prisma.ModelName.PromotionDecision);

    const template = await prisma.settingsVersion.findUniqueOrThrow({ where: setting("rollout_template", "demo", 1) });
    expect(template.content).toMatchObject({ bakeSeconds: 20, thresholds: { minLatencySamplesPerArm: 1 } });
    const standard = await prisma.settingsVersion.findUniqueOrThrow({ where: setting("rollout_template", "standard", 1) });
    expect(standard).toMatchObject({ version: 1, content: { bakeSeconds: 900, thresholds: { minRequestsPerArm: 500, minLatencySamplesPerArm: 20 } } });

    const rollout = await prisma.rollout.create({
      data: {
        promotionRequestId: request.id,
        modelName: "churn_xgb",
        modelVersion: "7",
        endpoint: "churn-endpoint",
        baselineDeployment: "blue",
        candidateDeployment: "green",
        templateName: "demo",
        plan: template.content ?? {},
        desiredTraffic: { traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 } },
        createdById: lead.id,
        createdByName: "Lee",
      },
    });
    expect(await prisma.rollout.findUniqueOrThrow({ where: { id: rollout.id } })).toEqual(rollout);
    // Auto mode's consecutive evaluation errors and its request for a lead's confirmation start empty.
    expect(rollout).toMatchObject({ consecutiveEvaluationErrors: 0, completionConfirmationRequestedAt: null });
    const counted = await prisma.rollout.update({ where: { id: rollout.id }, data: { consecutiveEvaluationErrors: { increment: 1 }, completionConfirmationRequestedAt: new Date("2026-12-03T09:15:00Z") } });
    expect(await prisma.rollout.findUniqueOrThrow({ where: { id: rollout.id } })).toEqual(counted);
    await expect(prisma.rollout.create({ data: { ...rollout, id: undefined, plan: {}, desiredTraffic: {}, appliedTraffic: undefined } })).rejects.toMatchObject({ code: "P2002" });
    // Drafts (and discarded drafts) never count towards the one active rollout per endpoint.
    const draft = await prisma.rollout.create({ data: { ...rollout, id: undefined, plan: {}, desiredTraffic: {}, appliedTraffic: undefined, status: "draft", revision: 0 } });
    await prisma.rollout.update({ where: { id: draft.id }, data: { status: "discarded" } });
    expect(await prisma.rollout.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "discarded", startedAt: null, startedByName: null });
    roundTripped.add(Prisma.ModelName.Rollout);

    const action = await prisma.rolloutAction.create({
      data: { rolloutId: rollout.id, revision: 1, action: "start", actorId: lead.id, actorName: "Lee", fromStep: 0, toStep: 0, traffic: { traffic: { blue: 100 } }, idempotencyKey: "action-1" },
    });
    expect(await prisma.rolloutAction.findUniqueOrThrow({ where: { id: action.id } })).toEqual(action);
    await expect(prisma.rolloutAction.update({ where: { id: action.id }, data: { reason: "edited" } })).rejects.toThrow(/append-only/);
    roundTripped.add(Prisma.ModelName.RolloutAction);

    const hint = await prisma.readHint.create({ data: { key: "mlflow:version-run:churn_xgb:7", value: { runId: "r7", lineage: null } } });
    expect(await prisma.readHint.findUniqueOrThrow({ where: { key: hint.key } })).toEqual(hint);
    roundTripped.add(Prisma.ModelName.ReadHint);
    // Sessions go with their user (ON DELETE CASCADE, as the relation says).
    const other = await prisma.user.create({ data: { oid: "oid-3", tenantId: "tenant-1", name: "Sam" } });
    await prisma.session.create({ data: { ...session, id: "d".repeat(64), userId: other.id } });
    await prisma.user.delete({ where: { id: other.id } });
    expect(await prisma.session.count({ where: { userId: other.id } })).toBe(0);

    // A model added to schema.prisma without a round trip here fails this line.
    expect([...roundTripped].sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });
});
