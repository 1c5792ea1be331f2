// Two app replicas on one PostgreSQL (issue 13, item 7): two pools on the same database, each with
// its own services and its own process caches (an MLflow read cache per replica, as fresh as
// production's), sharing one fake MLflow registry that stands for the one real MLflow. Both replicas
// read the same clock, as replicas read the same wall time; the test moves it.
//
// What each replica serves from where:
// - requests, decisions and apply status come from the database on every read (no cache), so an
//   approval made through one replica is on the other's next read; the request page polls its apply
//   status every APPLY_STATUS_POLL_MS, and approvals pages are rendered per request;
// - background jobs run under one PostgreSQL advisory lock and are claimed row by row: once;
// - MLflow reads are cached per replica for MLFLOW_READ_FRESH_MS: the replica that moves an alias
//   forgets its cached reads, the other serves its copy (with its "as of") at most that long. (The
//   request page does not wait that long: a cached read older than the apply is read again, see
//   applied-alias-check.int.test.ts.)
import { describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { runOutboxOnce } from "@/lib/outbox/outbox-worker";
import { readModel } from "@/lib/registry/read-model";
import { MLFLOW_READ_FRESH_MS } from "@/lib/sources/mlflow";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { APPLY_ALIAS_JOB, APPROVAL_TAG, applyAliasJob } from "./apply-alias-job";
import { APPLY_STATUS_POLL_MS } from "./apply-status-poll";
import { decidePromotion } from "./decide-promotion";
import { readApprovals } from "./read-approvals";
import { readApplyStatus, readPromotionRequest } from "./read-promotion-request";
import { requestPromotion } from "./request-promotion";
import { FakeMlflowRegistry, idempotencyKey, person, replicaServices } from "./testing/promotion-fixtures";

const SILENT = { info: () => undefined, warn: () => undefined, error: () => undefined };
const RATIONALE = "Beats the champion on AUC and passes fairness checks.";
const PASSES_PER_REPLICA = 20;

describe.runIf(TEST_DATABASE_KIND === "postgresql")("two replicas on one PostgreSQL", () => {
  const currentDatabase = useMigratedTempDatabase();

  /** One replica: its own pool, services, MLflow read cache and outbox worker. */
  function replica(database: Database, registry: FakeMlflowRegistry, clock: { ms: number }) {
    const services = replicaServices(database.prisma, registry, clock);
    // The worker finds jobs due by the real time (the database stamps new jobs with it); what the
    // job records, and the cache's ages, follow the test's clock.
    const worker = { database, handlers: { [APPLY_ALIAS_JOB]: applyAliasJob(services) }, logger: SILENT };
    return { services, worker };
  }

  async function twoReplicas() {
    const temp = currentDatabase();
    const registry = new FakeMlflowRegistry();
    const clock = { ms: Date.now() };
    const a = replica(temp.database, registry, clock);
    const b = replica(await temp.openAnother(), registry, clock);
    const { prisma } = temp.database;
    return {
      prisma,
      registry,
      clock,
      a,
      b,
      engineer: await person(prisma, "Jonas Berg", ["Stagegate.MLEngineer"]),
      lead: await person(prisma, "Priya Raman", ["Stagegate.MLLead"]),
      viewer: await person(prisma, "Maya Patel", ["Stagegate.Viewer"]),
    };
  }

  it(`an approval decided through replica A is on replica B's next read, within the request page's ${APPLY_STATUS_POLL_MS} ms refresh`, async () => {
    const { a, b, clock, engineer, lead, viewer } = await twoReplicas();
    const { request } = await requestPromotion(engineer, { model: "churn_xgb", version: "7", rationale: RATIONALE, idempotencyKey: idempotencyKey() }, a.services);
    expect((await readApprovals(lead, {}, b.services)).yours.map((open) => open.id)).toEqual([request.id]);

    await decidePromotion(lead, { requestId: request.id, outcome: "approve", idempotencyKey: idempotencyKey() }, a.services);
    // The clock stands still: B reads at the very instant A decided, without waiting any interval.
    const [page, status, approvals] = await Promise.all([
      readPromotionRequest(viewer, { id: request.id }, b.services),
      readApplyStatus(viewer, { id: request.id }, b.services),
      readApprovals(lead, {}, b.services),
    ]);
    // Nothing but the database lies between the replicas, so B's first poll after A's write has it:
    // 0 ms of the request page's APPLY_STATUS_POLL_MS, not a cache's lifetime.
    expect(status.checkedAt).toBe(page.request.decidedAt);
    expect(page.request).toMatchObject({ status: "approved", approvals: 1, apply: { status: "pending" }, decisions: [{ decidedBy: "Priya Raman", outcome: "approve" }] });
    expect(status).toMatchObject({ status: "approved", apply: { status: "pending" } });
    expect(approvals.yours).toEqual([]);
    expect(approvals.history.map((row) => [row.id, row.status])).toEqual([[request.id, "approved"]]);

    // A's background loop applies the alias: B's status poll answers "applied" on its next call.
    clock.ms += 1000;
    expect(await runOutboxOnce(a.worker)).toEqual({ leader: true, ran: 1 });
    expect(await readApplyStatus(viewer, { id: request.id }, b.services)).toMatchObject({ apply: { status: "applied", appliedAt: new Date(clock.ms).toISOString() } });
  });

  it(`both replicas' background loops race (${PASSES_PER_REPLICA} passes each at once): the alias job runs exactly once`, async () => {
    const { prisma, registry, clock, a, b, engineer, lead } = await twoReplicas();
    const { request } = await requestPromotion(engineer, { model: "churn_xgb", version: "7", rationale: RATIONALE, idempotencyKey: idempotencyKey() }, a.services);
    await decidePromotion(lead, { requestId: request.id, outcome: "approve", idempotencyKey: idempotencyKey() }, b.services);
    clock.ms += 1000;
    registry.writeDelayMs = 50; // the leader holds the lock a while, so the other passes meet it held

    const passes = Array.from({ length: PASSES_PER_REPLICA }, () => [runOutboxOnce(a.worker), runOutboxOnce(b.worker)]).flat();
    const results = await Promise.all(passes);

    expect(results.reduce((ran, result) => ran + result.ran, 0)).toBe(1);
    expect(results.some((result) => !result.leader)).toBe(true);
    expect(registry.aliasMoves).toEqual(["churn_xgb@challenger=7"]);
    expect(registry.tags.get(`churn_xgb/7#${APPROVAL_TAG}`)).toBe(request.id);
    expect(await prisma.outboxJob.findFirstOrThrow({ where: { kind: APPLY_ALIAS_JOB } })).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(await prisma.auditEvent.count({ where: { action: "alias.moved" } })).toBe(1);
    // Later passes on either replica find nothing to do.
    expect(await runOutboxOnce(a.worker)).toEqual({ leader: true, ran: 0 });
    expect(await runOutboxOnce(b.worker)).toEqual({ leader: true, ran: 0 });
  });

  it(`an alias moved by replica A is served stale by replica B only while B's cached read is younger than ${MLFLOW_READ_FRESH_MS} ms, with its age`, async () => {
    const { registry, clock, a, b, engineer, lead, viewer } = await twoReplicas();
    registry.aliases.set("churn_xgb@challenger", "6");
    const { request } = await requestPromotion(engineer, { model: "churn_xgb", version: "7", rationale: RATIONALE, idempotencyKey: idempotencyKey() }, a.services);
    await decidePromotion(lead, { requestId: request.id, outcome: "approve", idempotencyKey: idempotencyKey() }, a.services);
    const challenger = async (on: typeof a) => {
      const model = await readModel(viewer, { name: "churn_xgb" }, on.services);
      return { version: model.aliases.find((entry) => entry.alias === "challenger")?.version, asOf: model.asOf };
    };
    // Both replicas' model pages read MLflow before the move.
    const readBefore = new Date(clock.ms).toISOString();
    expect(await challenger(a)).toEqual({ version: "6", asOf: readBefore });
    expect(await challenger(b)).toEqual({ version: "6", asOf: readBefore });

    clock.ms += 1000;
    expect(await runOutboxOnce(a.worker)).toEqual({ leader: true, ran: 1 });
    expect(registry.aliasMoves).toEqual(["churn_xgb@challenger=7"]);
    // A forgot its cached reads of the model: its page shows the move at once.
    expect(await challenger(a)).toMatchObject({ version: "7" });
    // B still serves its copy, and says how old it is.
    expect(await challenger(b)).toEqual({ version: "6", asOf: readBefore });
    clock.ms = Date.parse(readBefore) + MLFLOW_READ_FRESH_MS - 1;
    expect(await challenger(b)).toEqual({ version: "6", asOf: readBefore });
    // Never longer than the freshness: then B reads MLflow again.
    clock.ms = Date.parse(readBefore) + MLFLOW_READ_FRESH_MS;
    expect(await challenger(b)).toMatchObject({ version: "7" });
  });
});
