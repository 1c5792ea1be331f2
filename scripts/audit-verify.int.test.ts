// `npm run audit:verify` itself, run as a separate process against a database the database's owner
// tampered with: the key and the checkpoints live outside the database, as in production.
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { CHECKPOINT_FILE, fileCheckpointStore } from "@/lib/audit/audit-checkpoint-store";
import { auditCheckpointWriter } from "@/lib/audit/checkpoint-audit-head";
import { auditHash, auditKey, signCheckpoint, type AuditContent } from "@/lib/domain/audit-chain";
import type { JsonValue } from "@/lib/domain/canonical-json";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";

const ROOT = path.resolve(import.meta.dirname, "..");
const KEY = auditKey(Buffer.alloc(32, 41));
vi.stubEnv("AUDIT_MAC_KEY", KEY.secret.toString("base64"));

describe.runIf(TEST_DATABASE_KIND === "postgresql")("npm run audit:verify", () => {
  const currentDatabase = useMigratedTempDatabase();
  let dataDir = "";
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "stagegate-audit-verify-"));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  function auditVerify(env: Record<string, string> = {}) {
    const temp = currentDatabase();
    const result = spawnSync(process.execPath, [path.join(ROOT, "scripts", "run-ts.mjs"), "scripts/audit-verify.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: temp.target.kind === "postgresql" ? temp.target.url : "", DATA_DIR: dataDir, AUDIT_MAC_KEY: KEY.secret.toString("base64"), ...env },
      encoding: "utf8",
      timeout: 60_000,
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  async function appendEvents(count: number) {
    const { prisma } = currentDatabase().database;
    for (let n = 1; n <= count; n++) {
      await prisma.$transaction((tx) =>
        appendAuditEvent(tx, { actorId: "lead", actorName: "Priya", action: "promotion.approved", subjectType: "model_version", subjectId: `churn_xgb/${n}`, data: { n } }),
      );
    }
  }

  /** What the background leader does: sign the chain's head into DATA_DIR. */
  async function checkpoint() {
    const store = fileCheckpointStore(path.join(dataDir, CHECKPOINT_FILE));
    const keyring = { current: KEY, verifying: new Map([[KEY.id, KEY.secret]]), source: "test" };
    const result = await auditCheckpointWriter({ store, keyring, minIntervalMs: 1 })({ db: currentDatabase().database.prisma, now: () => new Date() });
    expect(result.outcome).toBe("written");
  }

  /** As the database's owner, with the triggers off for the duration. */
  async function asOwnerWithoutTriggers(work: (query: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<unknown>) {
    await currentDatabase().database.withSession(async (session) => {
      await session.runScript("ALTER TABLE audit_events DISABLE TRIGGER USER");
      try {
        await work((sql, params) => session.query(sql, params));
      } finally {
        await session.runScript("ALTER TABLE audit_events ENABLE TRIGGER USER");
      }
    });
  }

  /** The owner rewrites row `seq` and recomputes every later hash; MACs cannot be recomputed without the key. */
  async function rewriteAndRehash(seq: bigint, { stripMacs }: { stripMacs: boolean }) {
    const rows = await currentDatabase().database.prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    await asOwnerWithoutTriggers(async (query) => {
      let prev = rows.find((row) => row.seq === seq - 1n)?.hash ?? "0".repeat(64);
      for (const row of rows.filter((candidate) => candidate.seq >= seq)) {
        const { prevHash: _p, hash: _h, mac: _m, macKeyId: _k, ...content } = row;
        const hashed: AuditContent = { ...content, data: (row.seq === seq ? { n: 999 } : row.data) as JsonValue };
        const hash = auditHash(prev, hashed);
        await query("UPDATE audit_events SET data = $1, prev_hash = $2, hash = $3 WHERE seq = $4", [JSON.stringify(hashed.data), prev, hash, row.seq.toString()]);
        prev = hash;
      }
      if (stripMacs) await query("UPDATE audit_events SET mac = NULL, mac_key_id = NULL");
    });
  }

  it("passes on an untouched chain, naming where MACs start and the newest checkpoint", async () => {
    await appendEvents(4);
    await checkpoint();
    const intact = auditVerify();
    expect(intact.output).toContain("Audit chain verified: 4 events, every hash holds");
    expect(intact.output).toContain("MACs hold from seq 1 on.");
    expect(intact.output).toMatch(/1 checkpoint\(s\) in .*audit-checkpoints\.jsonl agree with the chain; the newest covers seq 4/);
    expect(intact.status).toBe(0);
  });

  it("names the first row a superuser changed with the trigger disabled", async () => {
    await appendEvents(4);
    await asOwnerWithoutTriggers((query) => query("UPDATE audit_events SET actor_name = 'Mallory' WHERE seq = 3"));
    const tampered = auditVerify();
    expect(tampered.output).toMatch(/Audit chain BROKEN at seq 3: content does not match its hash/);
    expect(tampered.status).toBe(1);
  });

  it("(a) detects the newest rows deleted by the database's owner, through the checkpoint outside the database", async () => {
    await appendEvents(5);
    await checkpoint();
    await asOwnerWithoutTriggers((query) => query("DELETE FROM audit_events WHERE seq >= 4"));
    const truncated = auditVerify();
    expect(truncated.output).toMatch(/Audit chain BROKEN at seq 4: the checkpoint on line 1 \(written [^)]+\) recorded seq 5, but the chain ends at seq 3: the newest rows were deleted/);
    expect(truncated.status).toBe(1);
  });

  it("(b) detects a row edited with every later hash recomputed: by its MAC, and by the checkpoint when the MACs are stripped too", async () => {
    await appendEvents(5);
    await checkpoint();
    await rewriteAndRehash(2n, { stripMacs: false });
    const rehashed = auditVerify();
    expect(rehashed.output).toMatch(/Audit chain BROKEN at seq 2: the row's MAC does not hold/);
    expect(rehashed.status).toBe(1);

    await rewriteAndRehash(2n, { stripMacs: true });
    const stripped = auditVerify();
    expect(stripped.output).toMatch(/Audit chain BROKEN at seq 5: the checkpoint on line 1 \(written [^)]+\) recorded another hash for this row/);
    expect(stripped.status).toBe(1);
  });

  it("(c) detects a forged checkpoint, and cannot verify MACs without the key", async () => {
    await appendEvents(3);
    await checkpoint();
    const head = await currentDatabase().database.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    // Someone without the key writes a checkpoint under the key's id.
    const forged = { ...signCheckpoint(auditKey(Buffer.alloc(32, 99)), head, new Date()), keyId: KEY.id };
    appendFileSync(path.join(dataDir, CHECKPOINT_FILE), `${JSON.stringify({ seq: forged.seq.toString(), hash: forged.hash, at: forged.at.toISOString(), keyId: forged.keyId, mac: forged.mac })}\n`);
    const result = auditVerify();
    expect(result.output).toMatch(/Audit checkpoint FORGED on line 2 of .*audit-checkpoints\.jsonl: its MAC does not hold/);
    expect(result.status).toBe(1);

    const keyless = auditVerify({ AUDIT_MAC_KEY: "" });
    expect(keyless.output).toMatch(/Audit chain NOT VERIFIED: .*no MAC key is configured/);
    expect(keyless.status).toBe(2);
  });
});
