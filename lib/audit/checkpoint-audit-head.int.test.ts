import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { auditKey } from "@/lib/domain/audit-chain";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { appendAuditEvent } from "./append-audit-event";
import { fileCheckpointStore } from "./audit-checkpoint-store";
import type { AuditKeyring } from "./audit-keys";
import { auditCheckpointWriter } from "./checkpoint-audit-head";
import { verifyAuditChain } from "./verify-audit-chain";

const KEY = auditKey(Buffer.alloc(32, 21));
vi.stubEnv("AUDIT_MAC_KEY", KEY.secret.toString("base64"));
const keyring: AuditKeyring = { current: KEY, verifying: new Map([[KEY.id, KEY.secret]]), source: "test" };
const INTERVAL_MS = 50;

const folders: string[] = [];
function checkpointFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "stagegate-checkpoints-"));
  folders.push(dir);
  return path.join(dir, "audit-checkpoints.jsonl");
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe(`audit checkpoints written by the background leader on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  async function append(n: number) {
    const { prisma } = currentDatabase().database;
    await prisma.$transaction((tx) =>
      appendAuditEvent(tx, { actorId: "lead", actorName: "Priya", action: "promotion.approved", subjectType: "model_version", subjectId: `churn_xgb/${n}`, data: { n } }),
    );
  }

  it("signs the head when it moved and the interval passed, and the verifier checks each checkpoint", async () => {
    const db = currentDatabase().database.prisma;
    const store = fileCheckpointStore(checkpointFile());
    let clock = new Date("2026-12-03T10:00:00Z");
    const services = { db, now: () => clock };
    const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
    const write = auditCheckpointWriter({ store, keyring, minIntervalMs: INTERVAL_MS });

    expect(await write(services)).toEqual({ outcome: "empty" });
    await append(1);
    await append(2);
    expect(await write(services)).toMatchObject({ outcome: "written", checkpoint: { seq: 2n, at: clock, keyId: KEY.id } });
    await append(3);
    later(INTERVAL_MS - 1);
    expect(await write(services)).toEqual({ outcome: "too-soon" });
    later(1);
    expect(await write(services)).toMatchObject({ outcome: "written", checkpoint: { seq: 3n } });
    later(INTERVAL_MS);
    expect(await write(services)).toEqual({ outcome: "unchanged" });

    // A second process (a restart, or another leader) starts from what the store holds.
    later(INTERVAL_MS);
    expect(await auditCheckpointWriter({ store, keyring, minIntervalMs: INTERVAL_MS })(services)).toEqual({ outcome: "unchanged" });
    expect((await store.readAll()).map((entry) => ("checkpoint" in entry ? entry.checkpoint.seq : null))).toEqual([2n, 3n]);
    expect(await verifyAuditChain(db, { keyring, checkpoints: store })).toMatchObject({ ok: true, rows: 3n, macsFrom: 1n, checkpoints: { count: 2, newest: { seq: 3n } } });
  });

  it("signs nothing without a key, and nothing over a chain that no longer holds its last checkpoint", async () => {
    const { database } = currentDatabase();
    const store = fileCheckpointStore(checkpointFile());
    let clock = new Date("2026-12-03T10:00:00Z");
    const services = { db: database.prisma, now: () => clock };
    await append(1);
    await append(2);
    expect(await auditCheckpointWriter({ store, keyring: { current: null, verifying: new Map(), source: null }, minIntervalMs: INTERVAL_MS })(services)).toEqual({ outcome: "no-key" });
    const write = auditCheckpointWriter({ store, keyring, minIntervalMs: INTERVAL_MS });
    expect(await write(services)).toMatchObject({ outcome: "written", checkpoint: { seq: 2n } });

    // The database's owner deletes the newest row behind the trigger's back, then the app appends again.
    await database.withSession((session) =>
      session.runScript(`
        ALTER TABLE audit_events DISABLE TRIGGER USER;
        DELETE FROM audit_events WHERE seq = 2;
        ALTER TABLE audit_events ENABLE TRIGGER USER;`),
    );
    await append(3);
    clock = new Date(clock.getTime() + INTERVAL_MS);
    expect(await write(services)).toEqual({ outcome: "diverged", reason: expect.stringContaining("row 2's hash is no longer the one checkpointed") });
    expect(await store.readAll()).toHaveLength(1);
  });
});
