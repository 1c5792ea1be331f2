// The request page after the fact: an applied approval whose alias MLflow no longer points to its
// version shows that divergence; agreeing shows nothing; MLflow down says the check could not be made.
import { describe, expect, it } from "vitest";
import { runOutboxOnce } from "@/lib/outbox/outbox-worker";
import { readModel } from "@/lib/registry/read-model";
import { MLFLOW_READ_FRESH_MS } from "@/lib/sources/mlflow";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { APPLY_ALIAS_JOB, applyAliasJob } from "./apply-alias-job";
import { decidePromotion } from "./decide-promotion";
import { readPromotionRequest } from "./read-promotion-request";
import { requestPromotion } from "./request-promotion";
import { approvedChurnV7, FakeMlflowRegistry, idempotencyKey, replicaServices } from "./testing/promotion-fixtures";

const SILENT = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe(`an applied approval's alias against MLflow on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  /** churn_xgb v7 approved; `runJobs` applies it through a replica whose clock the test moves. */
  async function approved() {
    const { database } = currentDatabase();
    const cast = await approvedChurnV7(database.prisma);
    const registry = new FakeMlflowRegistry();
    const clock = { ms: Date.now() };
    const services = replicaServices(database.prisma, registry, clock);
    // Jobs are due by the real time (the database stamps them with it); what they record follows `clock`.
    const runJobs = () => runOutboxOnce({ database, handlers: { [APPLY_ALIAS_JOB]: applyAliasJob(services) }, logger: SILENT });
    const check = async (id = cast.request.id, on = services) => (await readPromotionRequest(cast.viewer, { id }, on)).aliasCheck;
    const appliedAt = async () => (await database.prisma.promotionRequest.findUniqueOrThrow({ where: { id: cast.request.id } })).appliedAt?.toISOString();
    return { ...cast, prisma: database.prisma, registry, clock, services, runJobs, check, appliedAt };
  }

  it("checks nothing before the alias is applied, and shows nothing while MLflow agrees", async () => {
    const { clock, runJobs, check } = await approved();
    expect(await check()).toBeNull();
    clock.ms += 1000;
    expect(await runJobs()).toEqual({ leader: true, ran: 1 });
    expect(await check()).toEqual({ state: "agrees", alias: "challenger", version: "7", asOf: new Date(clock.ms).toISOString() });
  });

  it("someone moves the alias in MLflow: the page says which version it points to now, not the approved one, once its read is fresh", async () => {
    const { registry, clock, runJobs, check, appliedAt } = await approved();
    await runJobs();
    expect(await check()).toMatchObject({ state: "agrees" });
    registry.aliases.set("churn_xgb@challenger", "6"); // in MLflow's UI, outside Stagegate
    clock.ms += MLFLOW_READ_FRESH_MS - 1;
    expect(await check()).toMatchObject({ state: "agrees" }); // this replica's read is still fresh
    clock.ms += 1;
    expect(await check()).toEqual({ state: "diverged", alias: "challenger", approvedVersion: "7", currentVersion: "6", appliedAt: await appliedAt(), asOf: new Date(clock.ms).toISOString() });

    registry.aliases.delete("churn_xgb@challenger");
    clock.ms += MLFLOW_READ_FRESH_MS;
    expect(await check()).toMatchObject({ state: "diverged", currentVersion: null });
  });

  it("a replica whose cached model predates the apply reads MLflow again: no divergence that is only its cache lagging", async () => {
    const { prisma, viewer, registry, clock, runJobs, check } = await approved();
    const otherReplica = replicaServices(prisma, registry, clock);
    registry.aliases.set("churn_xgb@challenger", "6"); // the challenger before this approval
    expect((await readModel(viewer, { name: "churn_xgb" }, otherReplica)).aliases).toContainEqual({ alias: "challenger", version: "6" });
    clock.ms += 1000;
    await runJobs(); // the first replica applies v7 and forgets only its own cached reads
    clock.ms += 1000;
    expect((await readModel(viewer, { name: "churn_xgb" }, otherReplica)).aliases).toContainEqual({ alias: "challenger", version: "6" });
    expect(await check(undefined, otherReplica)).toEqual({ state: "agrees", alias: "challenger", version: "7", asOf: new Date(clock.ms).toISOString() });
    // Having learnt of the move, that replica's model page serves it too.
    expect((await readModel(viewer, { name: "churn_xgb" }, otherReplica)).aliases).toContainEqual({ alias: "challenger", version: "7" });
  });

  it("MLflow unreachable: the check says it could not be made and the page still renders; a last good answer since the apply is shown with its age", async () => {
    const { prisma, viewer, request, registry, clock, runJobs, check } = await approved();
    await runJobs();
    registry.failing = true;
    const coldReplica = replicaServices(prisma, registry, clock);
    const page = await readPromotionRequest(viewer, { id: request.id }, coldReplica);
    expect(page.aliasCheck).toMatchObject({ state: "unchecked", alias: "challenger", problem: { upstream: "MLflow", notConfigured: false, message: expect.stringContaining("503") } });
    expect(page.evaluation).toMatchObject({ ok: true, note: expect.stringContaining("recorded with the request") });

    // This replica read MLflow after the apply (v6 by then), then MLflow went down.
    registry.failing = false;
    registry.aliases.set("churn_xgb@challenger", "6");
    const readAt = new Date(clock.ms).toISOString();
    expect(await check()).toMatchObject({ state: "diverged", currentVersion: "6", asOf: readAt });
    registry.failing = true;
    clock.ms += MLFLOW_READ_FRESH_MS;
    expect(await check()).toMatchObject({ state: "diverged", currentVersion: "6", asOf: readAt, staleBecause: expect.stringContaining("503") });
  });

  it("a last good answer from before the apply says nothing about it: unchecked while MLflow is down", async () => {
    const { viewer, registry, clock, runJobs, check, prisma } = await approved();
    const otherReplica = replicaServices(prisma, registry, clock);
    await readModel(viewer, { name: "churn_xgb" }, otherReplica);
    clock.ms += 1000;
    await runJobs();
    registry.failing = true;
    clock.ms += MLFLOW_READ_FRESH_MS;
    expect(await check(undefined, otherReplica)).toMatchObject({ state: "unchecked", problem: { upstream: "MLflow", message: expect.stringContaining("predates the alias being applied") } });
  });

  it("a later approval moving the same alias supersedes this one: a note, not a divergence", async () => {
    const { lead, lead2, registry, clock, services, runJobs, check } = await approved();
    await runJobs();
    const { request: v8 } = await requestPromotion(lead, { model: "churn_xgb", version: "8", rationale: "Higher AUC; fairness under review with risk.", idempotencyKey: idempotencyKey() }, services);
    const overrideReason = "Fairness gap comes from a relabelled segment; accepted by risk in ML-142.";
    await decidePromotion(lead2, { requestId: v8.id, outcome: "approve", overrideReason, idempotencyKey: idempotencyKey() }, services);
    clock.ms += 1000;
    expect(await runJobs()).toEqual({ leader: true, ran: 1 });
    expect(registry.aliasMoves).toEqual(["churn_xgb@challenger=7", "churn_xgb@challenger=8"]);
    expect(await check()).toEqual({ state: "superseded", alias: "challenger", by: { requestId: v8.id, version: "8", appliedAt: new Date(clock.ms).toISOString() } });
    expect(await check(v8.id)).toMatchObject({ state: "agrees", version: "8" });
  });
});
