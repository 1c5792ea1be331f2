import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { PrismaClient, Rollout } from "@/lib/db/generated/client";
import { judgeStep, type ArmStats } from "@/lib/domain/canary-judge";
import type { TrafficSplit } from "@/lib/domain/rollout-plan";
import { runOutboxOnce } from "@/lib/outbox/outbox-worker";
import { approvedChurnV7, FakeMlflowRegistry } from "@/lib/promotions/testing/promotion-fixtures";
import { UpstreamError } from "@/lib/sources/upstream-error";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { actOnRollout } from "./act-on-rollout";
import { APPLY_TRAFFIC_JOB, applyTrafficJob } from "./apply-traffic-job";
import { evaluateAutoRollouts } from "./evaluate-auto-rollouts";
import { readRolloutStatus } from "./read-rollout";
import { readStepSeries } from "./read-step-series";
import { fakeTelemetry } from "./telemetry/testing/fake-telemetry";
import type { RolloutDeps } from "./rollout-deps";
import { SET_CHAMPION_JOB, setChampionJob } from "./set-champion-job";
import { startRollout } from "./start-rollout";

const SILENT = { info: () => undefined, warn: () => undefined, error: () => undefined };
// No KPI outcomes yet, as in the first days of a real rollout: the KPI gate does not block.
const healthy: ArmStats = { requests: 5000, p95Ms: 80, latencySamples: 250, failures: 5, kpi: null };
const regressed: ArmStats = { ...healthy, p95Ms: 400, failures: 400 };

/** ARM's endpoint as the fake holds it; `failures` makes that many PUTs fail first (500, then 429). */
class FakeEndpoint {
  split: TrafficSplit = { traffic: { blue: 100, green: 0 }, mirrorTraffic: {} };
  puts = 0;
  failures = 0;
  write = async (_endpoint: string, split: TrafficSplit) => {
    if (this.failures > 0) {
      this.failures--;
      throw new UpstreamError("Azure Resource Manager", this.failures % 2 === 0 ? "ARM answered 429 (Retry-After 1)" : "ARM answered 500", this.failures % 2 === 0 ? 429 : 500, "HTTP", true);
    }
    this.puts++;
    this.split = split;
  };
}

describe(`rollouts on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  async function setup(candidate: ArmStats = healthy) {
    const { prisma } = currentDatabase().database;
    const { lead, lead2, viewer, request } = await approvedChurnV7(prisma);
    const endpoint = new FakeEndpoint();
    const stats = { candidate };
    let now = new Date();
    const deps: RolloutDeps = {
      prisma,
      now: () => now,
      requestId: null,
      readEndpoint: async (name) => ({
        name,
        ...endpoint.split,
        provisioningState: "Succeeded",
        deployments: [
          { name: "blue", modelName: "churn_xgb", modelVersion: "6" },
          { name: "green", modelName: "churn_xgb", modelVersion: "7" },
        ],
      }),
      evaluateStep: async () => ({ judgement: judgeStep({ baseline: healthy, candidate: stats.candidate, budgetRemaining: 0.9 }), window: { from: "a", to: "b" }, asOf: now.toISOString(), note: null }),
    };
    const mlflow = new FakeMlflowRegistry();
    mlflow.aliases.set("churn_xgb@champion", "6");
    const worker = {
      database: currentDatabase().database,
      handlers: { [APPLY_TRAFFIC_JOB]: applyTrafficJob(prisma, () => endpoint.write), [SET_CHAMPION_JOB]: setChampionJob(prisma, () => mlflow.client()) },
      logger: SILENT,
      // Jobs are stamped with the database's clock; the worker's never runs behind it.
      now: () => new Date(Math.max(now.getTime(), Date.now())),
    };
    const advanceClock = (ms: number) => (now = new Date(now.getTime() + ms));
    return { prisma, lead, lead2, viewer, request, endpoint, stats, deps, worker, mlflow, advanceClock };
  }

  const start = (ctx: Awaited<ReturnType<typeof setup>>["lead"], requestId: string, deps: RolloutDeps, autoMode = false) =>
    startRollout(ctx, { promotionRequestId: requestId, endpoint: "churn-endpoint", baselineDeployment: "blue", candidateDeployment: "green", templateName: "demo", autoMode, idempotencyKey: randomUUID() }, deps);
  const act = (ctx: Awaited<ReturnType<typeof setup>>["lead"], rollout: Pick<Rollout, "id" | "revision">, action: string, deps: RolloutDeps, reason?: string) =>
    actOnRollout(ctx, { rolloutId: rollout.id, action, expectedRevision: rollout.revision, reason, idempotencyKey: randomUUID() }, deps);
  const reload = (prisma: PrismaClient, id: string) => prisma.rollout.findUniqueOrThrow({ where: { id } });

  it("starts with shadow traffic, advances through 10/25/50/100 on passing gates, completes and makes the version champion", async () => {
    const { prisma, lead, request, endpoint, deps, worker, mlflow } = await setup();
    const { rollout } = await start(lead, request.id, deps);
    await runOutboxOnce(worker);
    expect(endpoint.split).toEqual({ traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 } });
    let current = await reload(prisma, rollout.id);
    for (const [blue, green] of [[90, 10], [75, 25], [50, 50], [0, 100]]) {
      await act(lead, current, "advance", deps);
      await runOutboxOnce(worker);
      expect(endpoint.split.traffic).toEqual({ blue, green });
      current = await reload(prisma, rollout.id);
    }
    await act(lead, current, "advance", deps);
    await runOutboxOnce(worker);
    expect(await reload(prisma, rollout.id)).toMatchObject({ status: "completed", previousChampion: "6" });
    expect(mlflow.aliases.get("churn_xgb@champion")).toBe("7");
    const actions = (await prisma.auditEvent.findMany({ where: { action: { startsWith: "rollout." } }, orderBy: { seq: "asc" } })).map((event) => event.action);
    expect(actions.filter((action) => action === "rollout.advance")).toHaveLength(4);
    expect(actions).toContain("rollout.completed");
  });

  it("refuses to advance on a failing gate without an override, names the gate, and rolls back at once", async () => {
    const { prisma, lead, viewer, request, endpoint, deps, worker } = await setup(regressed);
    const { rollout } = await start(lead, request.id, deps);
    await runOutboxOnce(worker);
    const current = await reload(prisma, rollout.id);
    await expect(act(lead, current, "advance", deps)).rejects.toThrow(/latency fail: Candidate p95 400 ms > limit 120 ms/);
    await expect(act(viewer, current, "rollback", deps)).rejects.toMatchObject({ status: 403 });
    await act(lead, current, "advance", deps, "Latency regression is a cold cache; accepted by on-call for one step.");
    await runOutboxOnce(worker);
    await act(lead, await reload(prisma, rollout.id), "rollback", deps);
    await runOutboxOnce(worker);
    expect(endpoint.split).toEqual({ traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 0 } });
    expect(await reload(prisma, rollout.id)).toMatchObject({ status: "rolled_back" });
  });

  it("in auto mode rolls back within one evaluation when a gate fails, and advances after the bake when all pass", async () => {
    const { prisma, lead, request, endpoint, stats, deps, worker, advanceClock } = await setup();
    const { rollout } = await start(lead, request.id, deps, true);
    await runOutboxOnce(worker);
    expect(await evaluateAutoRollouts(deps)).toEqual([{ rolloutId: rollout.id, outcome: "waiting", why: "baking" }]);
    advanceClock(21_000);
    expect((await evaluateAutoRollouts(deps))[0]).toMatchObject({ outcome: "advanced" });
    await runOutboxOnce(worker);
    expect(endpoint.split.traffic).toEqual({ blue: 90, green: 10 });
    stats.candidate = regressed;
    expect((await evaluateAutoRollouts(deps))[0]).toMatchObject({ outcome: "rolled back" });
    await runOutboxOnce(worker);
    expect(endpoint.split.traffic).toEqual({ blue: 100, green: 0 });
    const rollback = await prisma.rolloutAction.findFirstOrThrow({ where: { rolloutId: rollout.id, action: "rollback" } });
    expect(rollback.actorName).toBe("Stagegate (automatic)");
  });

  it("retries ARM failures (500, then 429) and applies the step exactly once, across a restart", async () => {
    const { prisma, lead, request, endpoint, deps, worker, advanceClock } = await setup();
    endpoint.failures = 2;
    const { rollout } = await start(lead, request.id, deps);
    await runOutboxOnce(worker);
    expect(await reload(prisma, rollout.id)).toMatchObject({ appliedRevision: null, applyError: expect.stringContaining("Retrying") });
    advanceClock(3_000);
    await runOutboxOnce(worker);
    expect(endpoint.puts).toBe(0);
    const restarted = { ...worker, database: TEST_DATABASE_KIND === "postgresql" ? await currentDatabase().openAnother() : worker.database };
    advanceClock(10_000);
    await runOutboxOnce(restarted);
    advanceClock(10_000);
    await runOutboxOnce(restarted);
    expect(endpoint.puts).toBe(1);
    expect(await reload(prisma, rollout.id)).toMatchObject({ appliedRevision: 1, applyError: null });
  });

  it.runIf(TEST_DATABASE_KIND === "postgresql")("two concurrent advance requests apply one step; the other gets a clear conflict", async () => {
    const { prisma, lead, lead2, request, deps, worker } = await setup();
    const { rollout } = await start(lead, request.id, deps);
    await runOutboxOnce(worker);
    const current = await reload(prisma, rollout.id);
    const outcomes = await Promise.allSettled([act(lead, current, "advance", deps), act(lead2, current, "advance", deps)]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect(String(refused.reason.message)).toMatch(/The rollout changed while you were looking at it: .* chose "advance"/);
    expect(await reload(prisma, rollout.id)).toMatchObject({ currentStep: 1, revision: 2 });
    expect(await prisma.outboxJob.count({ where: { kind: APPLY_TRAFFIC_JOB } })).toBe(2);
  });

  it("the status the step view polls says when the plan reached ARM and carries the gates until the rollout ends", async () => {
    const { prisma, lead, viewer, request, deps, worker, stats } = await setup(regressed);
    const { rollout } = await start(lead, request.id, deps);
    const pending = await readRolloutStatus(viewer, { id: rollout.id }, deps);
    expect(pending).toMatchObject({ status: "running", revision: 1, applyPending: true, evaluationProblem: null, evaluation: { judgement: { verdict: "fail" } } });
    await runOutboxOnce(worker);
    stats.candidate = healthy;
    expect(await readRolloutStatus(viewer, { id: rollout.id }, deps)).toMatchObject({ applyPending: false, evaluation: { judgement: { verdict: "pass" } } });
    const failing = { ...deps, evaluateStep: () => Promise.reject(new UpstreamError("Log Analytics", "Log Analytics answered 503", 503, "HTTP", true)) };
    expect(await readRolloutStatus(viewer, { id: rollout.id }, failing)).toMatchObject({ evaluation: null, evaluationProblem: "Log Analytics answered 503" });
    await act(lead, await reload(prisma, rollout.id), "rollback", deps);
    expect(await readRolloutStatus(viewer, { id: rollout.id }, failing)).toMatchObject({ status: "rolled_back", evaluation: null, evaluationProblem: null });
    await expect(readRolloutStatus(viewer, { id: "not-a-uuid" }, deps)).rejects.toMatchObject({ code: "not_found" });
  });

  it("does not advance, by hand or in auto mode, while the endpoint's traffic was changed in the portal; rollback and re-apply still work", async () => {
    const { prisma, lead, request, endpoint, deps, worker, advanceClock } = await setup();
    const { rollout } = await start(lead, request.id, deps, true);
    await runOutboxOnce(worker);
    endpoint.split = { traffic: { blue: 80, green: 20 }, mirrorTraffic: {} };
    advanceClock(60_000);
    const current = await reload(prisma, rollout.id);
    await expect(act(lead, current, "advance", deps, "Overriding the gates does not settle drift either.")).rejects.toMatchObject({
      code: "traffic_drift",
      message: expect.stringContaining("it is blue 80% · green 20%, but Stagegate last applied blue 100%; mirrored to green 10%"),
    });
    expect(await evaluateAutoRollouts(deps)).toEqual([{ rolloutId: rollout.id, outcome: "waiting", why: expect.stringContaining("changed outside Stagegate") }]);
    expect(await reload(prisma, rollout.id)).toMatchObject({ revision: current.revision, currentStep: 0 });
    await act(lead, current, "reapply", deps);
    await runOutboxOnce(worker);
    expect(endpoint.split).toEqual({ traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 } });
    advanceClock(60_000);
    expect((await evaluateAutoRollouts(deps))[0]).toMatchObject({ outcome: "advanced" });
  });

  it("the step's chart series come from one cached summarize over the step, for the baseline and the candidate, until the rollout ends", async () => {
    const { prisma, lead, viewer, request, deps } = await setup();
    const telemetry = fakeTelemetry({
      rows: { armSeries: ["blue", "green", "orange"].map((deployment) => ({ BinStart: "2026-11-20T11:59:00Z", Deployment: deployment, Traffic: "live", Requests: 10, Failures: 0, P95Ms: 80, SampledRows: 5, ErrorRate: 0 })) },
    });
    const { rollout } = await start(lead, request.id, deps);
    const series = await readStepSeries(viewer, { id: rollout.id }, { prisma, telemetryReads: () => telemetry.reads });
    expect(series.chart?.series.map((arm) => arm.deployment)).toEqual(["blue", "green"]);
    expect(series.chart?.roles).toEqual({ blue: "baseline", green: "candidate" });
    expect(telemetry.sent.map((query) => query.name)).toEqual(["armSeries"]);
    await act(lead, await reload(prisma, rollout.id), "rollback", deps);
    expect(await readStepSeries(viewer, { id: rollout.id }, { prisma, telemetryReads: () => telemetry.reads })).toEqual({ chart: null, problem: null });
    await expect(readStepSeries(viewer, { id: "nope" }, { prisma, telemetryReads: () => telemetry.reads })).rejects.toMatchObject({ code: "not_found" });
  });
});
