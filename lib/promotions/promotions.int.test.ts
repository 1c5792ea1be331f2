import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { runOutboxOnce } from "@/lib/outbox/outbox-worker";
import { mlflowCacheKeys } from "@/lib/sources/mlflow/cache-keys";
import { rawSql, TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { APPLY_ALIAS_JOB, APPROVAL_TAG, applyAliasJob } from "./apply-alias-job";
import { decidePromotion } from "./decide-promotion";
import { requestPromotion } from "./request-promotion";
import { testServices } from "@/lib/services/testing/test-services";
import { FakeMlflowRegistry, idempotencyKey, person, promotionServices } from "./testing/promotion-fixtures";

const SILENT = { info: () => undefined, warn: () => undefined, error: () => undefined };
const RATIONALE = "Beats the champion on AUC and passes fairness checks.";

describe(`promotion requests and decisions on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  async function cast() {
    const { prisma } = currentDatabase().database;
    return {
      prisma,
      services: promotionServices(prisma),
      engineer: await person(prisma, "Jonas Berg", ["Stagegate.MLEngineer"]),
      lead: await person(prisma, "Priya Raman", ["Stagegate.MLLead"]),
      lead2: await person(prisma, "Tomás Ortega", ["Stagegate.MLLead"]),
    };
  }

  it("requests v7, a lead approves with every rule passing, and the outbox sets alias challenger and the approval tag", async () => {
    const { prisma, services, engineer, lead } = await cast();
    const { request } = await requestPromotion(engineer, { model: "churn_xgb", version: "7", rationale: RATIONALE, idempotencyKey: idempotencyKey() }, services);
    expect(request).toMatchObject({ status: "pending", quorum: 1, policyVersion: 1, applyStatus: "not_started" });

    const { decision } = await decidePromotion(lead, { requestId: request.id, outcome: "approve", idempotencyKey: idempotencyKey() }, services);
    expect(decision.evidence).toMatchObject({ passed: true, policyVersion: 1, runIds: ["run-7", "run-6"], override: null });
    expect(decision.evidenceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await prisma.promotionRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "approved", applyStatus: "pending" });

    const mlflow = new FakeMlflowRegistry();
    const background = testServices({ db: prisma, mlflow: mlflow.client(), requestId: null });
    // A page read churn_xgb (its aliases, the promotion inputs) before the alias moved: the job forgets it.
    await background.mlflow.cache.read(mlflowCacheKeys.model("churn_xgb"), async () => "before the move");
    const worker = { database: currentDatabase().database, handlers: { [APPLY_ALIAS_JOB]: applyAliasJob(background) }, logger: SILENT };
    expect(await runOutboxOnce(worker)).toEqual({ leader: true, ran: 1 });
    expect(mlflow.aliases.get("churn_xgb@challenger")).toBe("7");
    expect(mlflow.tags.get(`churn_xgb/7#${APPROVAL_TAG}`)).toBe(request.id);
    expect((await background.mlflow.cache.read(mlflowCacheKeys.model("churn_xgb"), async () => "read again")).value).toBe("read again");
    expect(await prisma.promotionRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ applyStatus: "applied" });
    const actions = (await prisma.auditEvent.findMany({ orderBy: { seq: "asc" } })).map((event) => event.action);
    expect(actions).toEqual(["promotion.requested", "promotion.approved", "alias.moved"]);
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true });
    // A second pass has nothing to do: the job ran exactly once.
    expect(await runOutboxOnce(worker)).toEqual({ leader: true, ran: 0 });
  });

  it("refuses self-approval, approval of a failing version without an override, and keeps the override in the evidence", async () => {
    const { prisma, services, lead, lead2 } = await cast();
    const { request: own } = await requestPromotion(lead, { model: "churn_xgb", version: "7", rationale: RATIONALE, idempotencyKey: idempotencyKey() }, services);
    await expect(decidePromotion(lead, { requestId: own.id, outcome: "approve", idempotencyKey: idempotencyKey() }, services)).rejects.toMatchObject({ code: "self_approval", status: 403 });

    const { request } = await requestPromotion(lead, { model: "churn_xgb", version: "8", rationale: RATIONALE, idempotencyKey: idempotencyKey() }, services);
    const refused = decidePromotion(lead2, { requestId: request.id, outcome: "approve", idempotencyKey: idempotencyKey() }, services);
    await expect(refused).rejects.toMatchObject({ code: "policy_failed" });
    await expect(refused).rejects.toThrow(/fairness_dp_diff \(fail: fairness_dp_diff 0\.137 does not meet <= 0\.1\.\)/);
    await expect(decidePromotion(lead2, { requestId: request.id, outcome: "approve", overrideReason: "too short", idempotencyKey: idempotencyKey() }, services)).rejects.toMatchObject({ code: "invalid_input" });
    expect(await prisma.promotionDecision.count()).toBe(0);

    const reason = "Fairness gap comes from a relabelled segment; tracked in ML-142 and accepted by risk.";
    const { decision } = await decidePromotion(lead2, { requestId: request.id, outcome: "approve", overrideReason: reason, idempotencyKey: idempotencyKey() }, services);
    expect(decision.overrideReason).toBe(reason);
    expect(decision.evidence).toMatchObject({ passed: false, override: { reason, rulesOverridden: ["fairness_dp_diff"] } });
  });

  it("replays the same idempotency key without a second decision, and refuses a second decision by the same lead", async () => {
    const { prisma, services, engineer, lead } = await cast();
    const { request } = await requestPromotion(engineer, { model: "churn_xgb", version: "7", rationale: RATIONALE, idempotencyKey: "form-key-0001" }, services);
    const again = await requestPromotion(engineer, { model: "churn_xgb", version: "7", rationale: RATIONALE, idempotencyKey: "form-key-0001" }, services);
    expect(again).toMatchObject({ replayed: true, request: { id: request.id } });
    await expect(requestPromotion(engineer, { model: "churn_xgb", version: "7", rationale: RATIONALE, idempotencyKey: idempotencyKey() }, services)).rejects.toMatchObject({ code: "duplicate_request" });

    const first = await decidePromotion(lead, { requestId: request.id, outcome: "reject", comment: "needs a fairness review", idempotencyKey: "decision-key-01" }, services);
    const replay = await decidePromotion(lead, { requestId: request.id, outcome: "reject", comment: "needs a fairness review", idempotencyKey: "decision-key-01" }, services);
    expect(replay).toMatchObject({ replayed: true, decision: { id: first.decision.id } });
    expect(await prisma.promotionDecision.count()).toBe(1);
    expect(await prisma.promotionRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "rejected", applyStatus: "not_started" });
  });

  it("refuses bad input with field errors and changes nothing", async () => {
    const { prisma, services, engineer } = await cast();
    const refused = requestPromotion(engineer, { model: "", version: "seven", rationale: "short", idempotencyKey: "x" }, services);
    await expect(refused).rejects.toMatchObject({ code: "invalid_input", status: 400 });
    await expect(refused).rejects.toHaveProperty("fieldErrors.version", "must be a version number");
    await expect(requestPromotion(engineer, { model: "churn_xgb", version: "99", rationale: RATIONALE, idempotencyKey: idempotencyKey() }, services)).rejects.toMatchObject({ code: "not_found", message: expect.stringContaining("99") });
    // The MLflow client may come from another bundle's copy of its module, whose error class is
    // another class: the 404 is still recognised (by its kind), so the caller gets 404, not 500.
    const otherBundle = Object.assign(new Error("MLflow refused GET with 404 RESOURCE_DOES_NOT_EXIST."), { kind: "upstream", upstream: "MLflow", status: 404, code: "RESOURCE_DOES_NOT_EXIST", transient: false });
    const client = new FakeMlflowRegistry().client();
    const foreign = promotionServices(prisma, { mlflow: { ...client, getModelVersion: () => Promise.reject(otherBundle) } });
    await expect(requestPromotion(engineer, { model: "churn_xgb", version: "99", rationale: RATIONALE, idempotencyKey: idempotencyKey() }, foreign)).rejects.toMatchObject({ code: "not_found", status: 404 });
    expect(await prisma.promotionRequest.count()).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(0);
  });

  it("expires a request after its time-to-live; an expired request cannot be decided", async () => {
    const { prisma, services, engineer, lead } = await cast();
    const { request } = await requestPromotion(engineer, { model: "churn_xgb", version: "7", rationale: RATIONALE, idempotencyKey: idempotencyKey() }, services);
    const later = promotionServices(prisma, { now: () => new Date(Date.now() + 8 * 86_400_000) });
    await expect(decidePromotion(lead, { requestId: request.id, outcome: "approve", idempotencyKey: idempotencyKey() }, later)).rejects.toThrow(/expired/);
    // A new request for the same version expires the old one and takes its place.
    await requestPromotion(engineer, { model: "churn_xgb", version: "7", rationale: RATIONALE, idempotencyKey: idempotencyKey() }, later);
    expect(await prisma.promotionRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "expired" });
  });

  it("records the approval while MLflow is down, retries, and applies the alias after a restart once MLflow recovers", async () => {
    const { prisma, services, engineer, lead } = await cast();
    const { request } = await requestPromotion(engineer, { model: "churn_xgb", version: "7", rationale: RATIONALE, idempotencyKey: idempotencyKey() }, services);
    const mlflow = new FakeMlflowRegistry();
    mlflow.failing = true;
    const down = promotionServices(prisma, { mlflow: mlflow.client() });
    const { decision } = await decidePromotion(lead, { requestId: request.id, outcome: "approve", idempotencyKey: idempotencyKey() }, down);
    expect((decision.evidence as { inputs: { fallbackReason: string } }).inputs.fallbackReason).toMatch(/request's snapshot/);

    let now = new Date();
    const firstReplica = { database: currentDatabase().database, handlers: { [APPLY_ALIAS_JOB]: applyAliasJob(testServices({ db: prisma, mlflow: mlflow.client() })) }, logger: SILENT, now: () => now };
    await runOutboxOnce(firstReplica);
    const waiting = await prisma.promotionRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(waiting).toMatchObject({ status: "approved", applyStatus: "pending" });
    expect(waiting.applyError).toMatch(/503/);
    const job = await prisma.outboxJob.findFirstOrThrow();
    expect(job).toMatchObject({ status: "pending", attempts: 1 });
    expect(job.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());

    // "Restart": a new process has only the database; on PostgreSQL it is literally a new pool.
    const restarted = TEST_DATABASE_KIND === "postgresql" ? await currentDatabase().openAnother() : currentDatabase().database;
    mlflow.failing = false;
    now = new Date(job.nextAttemptAt.getTime() + 1);
    const secondReplica = { database: restarted, handlers: { [APPLY_ALIAS_JOB]: applyAliasJob(testServices({ db: restarted.prisma, mlflow: mlflow.client() })) }, logger: SILENT, now: () => now };
    expect(await runOutboxOnce(secondReplica)).toEqual({ leader: true, ran: 1 });
    expect(mlflow.aliases.get("churn_xgb@challenger")).toBe("7");
    expect(await prisma.promotionRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ applyStatus: "applied", applyError: null });
    expect(await prisma.outboxJob.findFirstOrThrow()).toMatchObject({ status: "succeeded", attempts: 2 });
  });

  it.runIf(TEST_DATABASE_KIND === "postgresql")("lets only one replica lead the outbox at a time", async () => {
    const other = await currentDatabase().openAnother();
    const holder = await other.withSession(async (session) => {
      await session.query("SELECT pg_advisory_lock(5730002)");
      const { prisma } = currentDatabase().database;
      const result = await runOutboxOnce({ database: currentDatabase().database, handlers: {}, logger: SILENT });
      await session.query("SELECT pg_advisory_unlock(5730002)");
      return { result, prisma };
    });
    expect(holder.result).toEqual({ leader: false, ran: 0 });
  });

  it.runIf(TEST_DATABASE_KIND === "postgresql")("20 concurrent approvals from two leads give one decision per lead and count the quorum once", async () => {
    const { prisma, engineer, lead, lead2 } = await cast();
    await rawSql(currentDatabase())(`INSERT INTO settings_versions (kind, name, version, content, created_by_id, created_by_name, change_note, idempotency_key)
      SELECT kind, name, 2, jsonb_set(content, '{quorum}', '2'), 'admin', 'Admin', 'quorum 2', 'quorum-2' FROM settings_versions
      WHERE kind = 'promotion_policy' AND name = 'default' AND version = 1`);
    const services = promotionServices(prisma);
    const { request } = await requestPromotion(engineer, { model: "churn_xgb", version: "7", rationale: RATIONALE, idempotencyKey: idempotencyKey() }, services);
    expect(request.quorum).toBe(2);
    const attempts = Array.from({ length: 20 }, (_, n) =>
      decidePromotion(n % 2 === 0 ? lead : lead2, { requestId: request.id, outcome: "approve", idempotencyKey: idempotencyKey() }, services).then(
        () => "decided",
        (error: { code?: string }) => error.code ?? String(error),
      ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((outcome) => outcome === "decided")).toHaveLength(2);
    expect(new Set(outcomes.filter((outcome) => outcome !== "decided"))).toEqual(new Set(["already_decided", "not_pending"].filter((code) => outcomes.includes(code))));
    expect(await prisma.promotionDecision.count({ where: { requestId: request.id } })).toBe(2);
    expect(await prisma.outboxJob.count({ where: { kind: APPLY_ALIAS_JOB } })).toBe(1);
    const approvals = await prisma.auditEvent.findMany({ where: { action: "promotion.approved" }, orderBy: { seq: "asc" } });
    expect(approvals.map((event) => (event.data as { quorumReached: boolean }).quorumReached)).toEqual([false, true]);
    expect(await prisma.promotionRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "approved" });
  });
});
