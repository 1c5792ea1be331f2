import { describe, expect, it } from "vitest";
import { UpstreamError } from "@/lib/errors/upstream-error";
import { runOutboxOnce } from "@/lib/outbox/outbox-worker";
import { fakeUpstream } from "@/lib/services/testing/test-services";
import type { LogAnalyticsClient } from "@/lib/sources/log-analytics/log-analytics-client";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { APPLY_TRAFFIC_JOB } from "./apply-traffic-job";
import { evaluateAutoRollouts } from "./evaluate-auto-rollouts";
import { readRollout, readRolloutStatus } from "./read-rollout";
import { readStepSeries } from "./read-step-series";
import { fakeTelemetry } from "./telemetry/testing/fake-telemetry";
import { HEALTHY as healthy, NEXT_REFRESH_MS, REGRESSED as regressed, rolloutHarness } from "./testing/rollout-harness";

describe(`rollouts on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();
  const setup = (candidate = healthy) => rolloutHarness(currentDatabase(), candidate);

  it("starts with shadow traffic, advances through 10/25/50/100 on passing gates, completes and makes the version champion", async () => {
    const { prisma, lead, endpoint, worker, mlflow, start, act, reload } = await setup();
    const { rollout } = await start();
    await runOutboxOnce(worker);
    expect(endpoint.split).toEqual({ traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 } });
    let current = await reload(rollout.id);
    for (const [blue, green] of [[90, 10], [75, 25], [50, 50], [0, 100]]) {
      await act(lead, current, "advance");
      await runOutboxOnce(worker);
      expect(endpoint.split.traffic).toEqual({ blue, green });
      current = await reload(rollout.id);
    }
    await act(lead, current, "advance");
    await runOutboxOnce(worker);
    expect(await reload(rollout.id)).toMatchObject({ status: "completed", previousChampion: "6" });
    expect(mlflow.aliases.get("churn_xgb@champion")).toBe("7");
    const actions = (await prisma.auditEvent.findMany({ where: { action: { startsWith: "rollout." } }, orderBy: { seq: "asc" } })).map((event) => event.action);
    expect(actions.filter((action) => action === "rollout.advance")).toHaveLength(4);
    expect(actions).toContain("rollout.completed");
  });

  it("refuses to advance on a failing gate without an override, names the gate, and rolls back at once", async () => {
    const { lead, viewer, endpoint, worker, start, act, reload } = await setup(regressed);
    const { rollout } = await start();
    await runOutboxOnce(worker);
    const current = await reload(rollout.id);
    await expect(act(lead, current, "advance")).rejects.toThrow(/latency fail: Candidate p95 400 ms > limit 120 ms/);
    await expect(act(viewer, current, "rollback")).rejects.toMatchObject({ status: 403 });
    await act(lead, current, "advance", "Latency regression is a cold cache; accepted by on-call for one step.");
    await runOutboxOnce(worker);
    await act(lead, await reload(rollout.id), "rollback");
    await runOutboxOnce(worker);
    expect(endpoint.split).toEqual({ traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 0 } });
    expect(await reload(rollout.id)).toMatchObject({ status: "rolled_back" });
  });

  it("in auto mode rolls back within one evaluation when a gate fails, and advances after the bake when all pass", async () => {
    const { prisma, endpoint, stats, services, worker, advanceClock, start } = await setup();
    const { rollout } = await start(true);
    await runOutboxOnce(worker);
    expect(await evaluateAutoRollouts(services)).toEqual([{ rolloutId: rollout.id, outcome: "waiting", why: "baking" }]);
    advanceClock(21_000);
    expect((await evaluateAutoRollouts(services))[0]).toMatchObject({ outcome: "advanced" });
    await runOutboxOnce(worker);
    expect(endpoint.split.traffic).toEqual({ blue: 90, green: 10 });
    stats.candidate = regressed;
    expect((await evaluateAutoRollouts(services))[0]).toMatchObject({ outcome: "rolled back" });
    await runOutboxOnce(worker);
    expect(endpoint.split.traffic).toEqual({ blue: 100, green: 0 });
    const rollback = await prisma.rolloutAction.findFirstOrThrow({ where: { rolloutId: rollout.id, action: "rollback" } });
    expect(rollback.actorName).toBe("Stagegate (automatic)");
  });

  it("retries ARM failures (500, then 429) and applies the step exactly once, across a restart", async () => {
    const { endpoint, worker, advanceClock, start, reload } = await setup();
    endpoint.failures = 2;
    const { rollout } = await start();
    await runOutboxOnce(worker);
    expect(await reload(rollout.id)).toMatchObject({ appliedRevision: null, applyError: expect.stringContaining("Retrying") });
    advanceClock(3_000);
    await runOutboxOnce(worker);
    expect(endpoint.puts).toBe(0);
    const restarted = { ...worker, database: TEST_DATABASE_KIND === "postgresql" ? await currentDatabase().openAnother() : worker.database };
    advanceClock(10_000);
    await runOutboxOnce(restarted);
    advanceClock(10_000);
    await runOutboxOnce(restarted);
    expect(endpoint.puts).toBe(1);
    expect(await reload(rollout.id)).toMatchObject({ appliedRevision: 1, applyError: null });
  });

  it.runIf(TEST_DATABASE_KIND === "postgresql")("two concurrent advance requests apply one step; the other gets a clear conflict", async () => {
    const { prisma, lead, lead2, worker, start, act, reload } = await setup();
    const { rollout } = await start();
    await runOutboxOnce(worker);
    const current = await reload(rollout.id);
    const outcomes = await Promise.allSettled([act(lead, current, "advance"), act(lead2, current, "advance")]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect(String(refused.reason.message)).toMatch(/The rollout changed while you were looking at it: .* chose "advance"/);
    expect(await reload(rollout.id)).toMatchObject({ currentStep: 1, revision: 2 });
    expect(await prisma.outboxJob.count({ where: { kind: APPLY_TRAFFIC_JOB } })).toBe(2);
  });

  it("the status the step view polls says when the plan reached ARM and carries the gates until the rollout ends", async () => {
    const { lead, viewer, services, worker, stats, advanceClock, start, act, reload } = await setup(regressed);
    const { rollout } = await start();
    const pending = await readRolloutStatus(viewer, { id: rollout.id }, services);
    expect(pending).toMatchObject({ status: "running", revision: 1, applyPending: true, evaluationProblem: null, evaluation: { judgement: { verdict: "fail" } } });
    await runOutboxOnce(worker);
    stats.candidate = healthy;
    advanceClock(NEXT_REFRESH_MS);
    expect(await readRolloutStatus(viewer, { id: rollout.id }, services)).toMatchObject({ applyPending: false, evaluation: { judgement: { verdict: "pass" } } });
    // Log Analytics failing with nothing cached for the step: no gates, and the reason.
    const unanswered = { query: () => Promise.reject(new UpstreamError("Log Analytics", "Log Analytics answered 503", 503, "HTTP", true)) } as unknown as LogAnalyticsClient;
    const failing = { ...services, logAnalytics: fakeUpstream(unanswered) };
    expect(await readRolloutStatus(viewer, { id: rollout.id }, failing)).toMatchObject({ evaluation: null, evaluationProblem: "Log Analytics answered 503" });
    await act(lead, await reload(rollout.id), "rollback");
    expect(await readRolloutStatus(viewer, { id: rollout.id }, failing)).toMatchObject({ status: "rolled_back", evaluation: null, evaluationProblem: null });
    await expect(readRolloutStatus(viewer, { id: "not-a-uuid" }, services)).rejects.toMatchObject({ code: "not_found" });
  });

  it("does not advance, by hand or in auto mode, while the endpoint's traffic was changed in the portal; rollback and re-apply still work", async () => {
    const { lead, endpoint, services, worker, advanceClock, start, act, reload } = await setup();
    const { rollout } = await start(true);
    await runOutboxOnce(worker);
    endpoint.split = { traffic: { blue: 80, green: 20 }, mirrorTraffic: {} };
    advanceClock(60_000);
    const current = await reload(rollout.id);
    await expect(act(lead, current, "advance", "Overriding the gates does not settle drift either.")).rejects.toMatchObject({
      code: "traffic_drift",
      message: expect.stringContaining("it is blue 80% · green 20%, but Stagegate last applied blue 100%; mirrored to green 10%"),
    });
    expect(await evaluateAutoRollouts(services)).toEqual([{ rolloutId: rollout.id, outcome: "waiting", why: expect.stringContaining("changed outside Stagegate") }]);
    expect(await reload(rollout.id)).toMatchObject({ revision: current.revision, currentStep: 0 });
    await act(lead, current, "reapply");
    await runOutboxOnce(worker);
    expect(endpoint.split).toEqual({ traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 } });
    advanceClock(60_000);
    expect((await evaluateAutoRollouts(services))[0]).toMatchObject({ outcome: "advanced" });
  });

  it("the step's chart series come from one cached summarize over the step, for the baseline and the candidate, until the rollout ends", async () => {
    const { lead, viewer, services, start, act, reload } = await setup();
    const telemetry = fakeTelemetry({
      now: services.now,
      rows: { deploymentSeries: ["blue", "green", "orange"].map((deployment) => ({ BinStart: "2026-11-20T11:59:00Z", Deployment: deployment, Traffic: "live", Requests: 10, Failures: 0, P95Ms: 80, SampledRows: 5, ErrorRate: 0 })) },
    });
    const { rollout } = await start();
    const withSeries = { ...services, logAnalytics: telemetry.logAnalytics };
    const series = await readStepSeries(viewer, { id: rollout.id }, withSeries);
    expect(series.chart?.series.map((entry) => entry.deployment)).toEqual(["blue", "green"]);
    expect(series.chart?.roles).toEqual({ blue: "baseline", green: "candidate" });
    expect(telemetry.sent.map((query) => query.name)).toEqual(["deploymentSeries"]);
    await act(lead, await reload(rollout.id), "rollback");
    expect(await readStepSeries(viewer, { id: rollout.id }, withSeries)).toEqual({ chart: null, problem: null });
    await expect(readStepSeries(viewer, { id: "nope" }, withSeries)).rejects.toMatchObject({ code: "not_found" });
  });

  it("an ended rollout (aborted, rolled back) shows the endpoint's traffic diverging from what it left, and names a later rollout on the endpoint that may explain it", async () => {
    const { lead, viewer, endpoint, services, worker, advanceClock, start, act, reload } = await setup();
    const shadow = { traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 } };
    const { rollout: aborted } = await start();
    await runOutboxOnce(worker);
    await act(lead, await reload(aborted.id), "abort");
    expect((await readRollout(viewer, { id: aborted.id }, services)).drift).toBeNull();
    // Someone stops the mirror in the portal after the abort.
    endpoint.split = { traffic: { blue: 100, green: 0 }, mirrorTraffic: {} };
    expect((await readRollout(viewer, { id: aborted.id }, services)).drift).toEqual({ live: { traffic: { blue: 100, green: 0 }, mirrorTraffic: {} }, applied: shadow, afterEnd: true, laterRollout: null });

    advanceClock(1000);
    const { rollout: later } = await start();
    await runOutboxOnce(worker);
    await act(lead, await reload(later.id), "rollback");
    // While the rollback is being applied its difference from the endpoint is expected, not drift.
    expect((await readRollout(viewer, { id: later.id }, services)).drift).toBeNull();
    await runOutboxOnce(worker);
    expect((await readRollout(viewer, { id: aborted.id }, services)).drift).toMatchObject({ afterEnd: true, laterRollout: { id: later.id, version: "7", status: "rolled_back" } });
    expect((await readRollout(viewer, { id: later.id }, services)).drift).toBeNull();
    endpoint.split = { traffic: { blue: 80, green: 20 }, mirrorTraffic: {} };
    const { drift, steps } = await readRollout(viewer, { id: later.id }, services);
    expect(drift).toMatchObject({ live: endpoint.split, applied: { traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 0 } }, afterEnd: true, laterRollout: null });
    expect(steps.map((step) => [step.index, step.leftBy?.action, step.window.to !== null])).toEqual([[0, "rollback", true]]);
  });
});
