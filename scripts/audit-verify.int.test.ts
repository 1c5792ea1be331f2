// `npm run audit:verify` itself, run as a separate process against a database a test tampered with.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";

const ROOT = path.resolve(import.meta.dirname, "..");

function auditVerify(databaseUrl: string) {
  const result = spawnSync(process.execPath, [path.join(ROOT, "scripts", "run-ts.mjs"), "scripts/audit-verify.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.runIf(TEST_DATABASE_KIND === "postgresql")("npm run audit:verify", () => {
  const currentDatabase = useMigratedTempDatabase();

  it("passes on an intact chain and names the first row a superuser changed with the trigger disabled", async () => {
    const temp = currentDatabase();
    const url = temp.target.kind === "postgresql" ? temp.target.url : "";
    for (const n of [1, 2, 3, 4]) {
      await temp.database.prisma.$transaction((tx) =>
        appendAuditEvent(tx, { actorId: "lead", actorName: "Priya", action: "promotion.approved", subjectType: "model_version", subjectId: `churn_xgb/${n}`, data: { n } }),
      );
    }
    const intact = auditVerify(url);
    expect(intact.output).toContain("Audit chain verified: 4 events");
    expect(intact.status).toBe(0);

    await temp.database.withSession((session) =>
      session.runScript(`
        ALTER TABLE audit_events DISABLE TRIGGER USER;
        UPDATE audit_events SET actor_name = 'Mallory' WHERE seq = 3;
        ALTER TABLE audit_events ENABLE TRIGGER USER;`),
    );
    const tampered = auditVerify(url);
    expect(tampered.output).toMatch(/Audit chain BROKEN at seq 3: content does not match its hash/);
    expect(tampered.status).toBe(1);
  });
});
