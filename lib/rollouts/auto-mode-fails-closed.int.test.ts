import { describe, expect, it } from "vitest";
import { runOutboxOnce } from "@/lib/outbox/outbox-worker";
import { TEST_DATABASE_KIND, useMigratedTempDatabase } from "@/testing/temp-database";
import { CONFIRMATION_WANTED, evaluateAutoRollouts } from "./evaluate-auto-rollouts";
import { readRollout, readRolloutStatus } from "./read-rollout";
import { readStepSeries } from "./read-step-series";
import { SET_CHAMPION_JOB } from "./set-champion-job";
import { auditEvents, NEXT_REFRESH_MS, rolloutHarness, type RolloutHarness } from "./testing/rollout-harness";

/** The demo template bakes 20 s. */
const BAKED_MS = 21_000;
const LA_503 = (query: string) => `Log Analytics refused "${query}" with 503 ServiceUnavailableError.`;

describe(`auto mode fails closed, on ${TEST_DATABASE_KIND}`, () => {
  const currentDatabase = useMigratedTempDatabase();

  /** Auto mode takes the rollout from the shadow step to 100 %, a pass after each bake. */
  async function autoAdvanceToLastStep(h: RolloutHarness, id: string) {
    for (const step of [1, 2, 3, 4]) {
      h.advanceClock(BAKED_MS);
      expect((await evaluateAutoRollouts(h.services))[0]).toMatchObject({ outcome: "advanced" });
      await runOutboxOnce(h.worker);
      expect(await h.reload(id)).toMatchObject({ currentStep: step });
    }
  }

  /** Starts in auto mode and applies step one. */
  async function started(h: RolloutHarness) {
    const { rollout } = await h.start(true);
    await runOutboxOnce(h.worker);
    return rollout;
  }

  it("judges numbers older than their refresh interval as unknown: auto mode does not advance, a lead may not without an override, and current numbers advance it", async () => {
    const h = await rolloutHarness(currentDatabase());
    const rollout = await started(h);
    expect(await evaluateAutoRollouts(h.services)).toEqual([{ rolloutId: rollout.id, outcome: "waiting", why: "baking" }]);
    // Baked; Log Analytics stops answering, so the numbers read at the start are all there is.
    h.telemetry.failing = true;
    h.advanceClock(BAKED_MS);
    const requestsOld = `The request numbers are 21 s old, older than their 15 s refresh interval (${LA_503("deploymentStats").replace(/\.$/, "")}).`;
    const [decision] = await evaluateAutoRollouts(h.services);
    expect(decision).toMatchObject({ outcome: "waiting", why: expect.stringContaining(`the gates could not be evaluated (1 of 3 in a row): ${requestsOld}`) });
    expect(await h.reload(rollout.id)).toMatchObject({ currentStep: 0, status: "running", consecutiveEvaluationErrors: 1 });

    const status = await readRolloutStatus(h.viewer, { id: rollout.id }, h.services);
    expect(status.evaluation?.judgement.verdict).toBe("unknown");
    expect(status.evaluation?.judgement.unknownBecause[0]).toBe(requestsOld);
    expect(status.evaluation?.judgement.gates.map((gate) => gate.status)).toEqual(["unknown", "unknown", "unknown", "unknown"]);
    const current = await h.reload(rollout.id);
    await expect(h.act(h.lead, current, "advance")).rejects.toMatchObject({ code: "policy_failed", message: expect.stringContaining(`The verdict is unknown: ${requestsOld}`) });
    expect(await h.reload(rollout.id)).toMatchObject({ revision: current.revision, currentStep: 0 });

    // Log Analytics answers again: current numbers, every gate passes, auto mode advances and the count starts again.
    h.telemetry.failing = false;
    expect((await evaluateAutoRollouts(h.services))[0]).toMatchObject({ outcome: "advanced" });
    expect(await h.reload(rollout.id)).toMatchObject({ currentStep: 1, consecutiveEvaluationErrors: 0 });
  });

  it("judges a step with an unreadable error budget as unknown, never as 'no SLO freeze'; a lead's written override is recorded with the unknown gates", async () => {
    const h = await rolloutHarness(currentDatabase());
    h.telemetry.failingQueries.add("endpointAvailability");
    const rollout = await started(h);
    h.advanceClock(BAKED_MS);
    const budgetUnknown = `The availability error budget numbers could not be read (${LA_503("endpointAvailability").replace(/\.$/, "")}). An SLO freeze cannot be ruled out.`;
    expect((await evaluateAutoRollouts(h.services))[0]).toMatchObject({ outcome: "waiting", why: expect.stringContaining(budgetUnknown) });
    const { evaluation } = await readRolloutStatus(h.viewer, { id: rollout.id }, h.services);
    expect(evaluation?.judgement).toMatchObject({ verdict: "unknown", frozen: false, unknownBecause: [budgetUnknown] });
    expect(evaluation?.judgement.gates.map((gate) => gate.status)).toEqual(["pass", "pass", "pass", "insufficient-data"]);

    const current = await h.reload(rollout.id);
    await expect(h.act(h.lead, current, "advance")).rejects.toMatchObject({ code: "policy_failed", message: expect.stringContaining(`The verdict is unknown: ${budgetUnknown}`) });
    await h.act(h.lead, current, "advance", "The budget query is down; SRE checked the SLO dashboard by hand.");
    const advance = await h.prisma.rolloutAction.findFirstOrThrow({ where: { rolloutId: rollout.id, action: "advance" } });
    expect(advance).toMatchObject({ actorName: h.lead.user.name, judgement: { verdict: "unknown", unknownBecause: [budgetUnknown] } });
    expect(await h.reload(rollout.id)).toMatchObject({ currentStep: 1 });
  });

  it("pauses the rollout after 3 evaluation errors in a row, with an audit event saying why; an evaluation that works starts the count again; the limit is the template's", async () => {
    const h = await rolloutHarness(currentDatabase());
    // Nothing was ever read: the gates cannot be evaluated at all.
    h.telemetry.failing = true;
    const rollout = await started(h);
    for (const count of [1, 2]) {
      expect((await evaluateAutoRollouts(h.services))[0]).toMatchObject({ outcome: "waiting", why: `the gates could not be evaluated (${count} of 3 in a row): ${LA_503("deploymentStats")}` });
      expect(await h.reload(rollout.id)).toMatchObject({ status: "running", consecutiveEvaluationErrors: count });
    }
    // A lead is told so too, and may only advance with a written override.
    await expect(h.act(h.lead, await h.reload(rollout.id), "advance")).rejects.toMatchObject({
      code: "policy_failed",
      message: expect.stringContaining(`The gates could not be evaluated: ${LA_503("deploymentStats")}`),
    });
    h.telemetry.failing = false;
    expect((await evaluateAutoRollouts(h.services))[0]).toMatchObject({ outcome: "waiting", why: "baking" });
    expect(await h.reload(rollout.id)).toMatchObject({ consecutiveEvaluationErrors: 0 });

    // Log Analytics fails again; the numbers it answered grow older than their interval, pass after pass.
    h.telemetry.failing = true;
    h.advanceClock(NEXT_REFRESH_MS + 1000);
    for (const count of [1, 2]) {
      expect((await evaluateAutoRollouts(h.services))[0]).toMatchObject({ outcome: "waiting", why: expect.stringContaining(`(${count} of 3 in a row)`) });
      h.advanceClock(1000);
    }
    const [paused] = await evaluateAutoRollouts(h.services);
    expect(paused).toMatchObject({ outcome: "paused", why: expect.stringMatching(/^Auto mode paused the rollout: the gates could not be evaluated 3 times in a row \(the template's limit is 3\)\. The last error: The request numbers are 18 s old/) });
    expect(await h.reload(rollout.id)).toMatchObject({ status: "paused", autoMode: true, consecutiveEvaluationErrors: 0, currentStep: 0 });
    const pause = await h.prisma.rolloutAction.findFirstOrThrow({ where: { rolloutId: rollout.id, action: "pause" } });
    expect(pause).toMatchObject({ actorName: "Stagegate (automatic)", reason: paused!.why });
    const [event] = await auditEvents(h.prisma, "rollout.pause");
    expect(event).toMatchObject({ actorName: "Stagegate (automatic)", data: { rolloutId: rollout.id, reason: paused!.why, consecutiveEvaluationErrors: 3, lastError: expect.stringContaining("The request numbers are 18 s old") } });
    // A paused rollout is left alone.
    expect(await evaluateAutoRollouts(h.services)).toEqual([]);

    // A lead resumes it; with the template's limit at 1, the next error pauses it at once.
    await h.act(h.lead, await h.reload(rollout.id), "resume");
    const current = await h.reload(rollout.id);
    await h.prisma.rollout.update({ where: { id: rollout.id }, data: { plan: { ...(current.plan as object), maxConsecutiveEvaluationErrors: 1 } } });
    expect((await evaluateAutoRollouts(h.services))[0]).toMatchObject({ outcome: "paused", why: expect.stringContaining("1 times in a row (the template's limit is 1)") });
  });

  it("when the KPI gate had insufficient data in every step, asks a lead to confirm before completing 100 %, once; the completed rollout says so, with each step's gates and charts", async () => {
    const h = await rolloutHarness(currentDatabase());
    const rollout = await started(h);
    await autoAdvanceToLastStep(h, rollout.id);
    h.advanceClock(BAKED_MS);
    for (let pass = 0; pass < 2; pass++) expect(await evaluateAutoRollouts(h.services)).toEqual([{ rolloutId: rollout.id, outcome: "waiting", why: CONFIRMATION_WANTED }]);
    const waiting = await h.reload(rollout.id);
    expect(waiting).toMatchObject({ status: "running", currentStep: 4, completionConfirmationRequestedAt: expect.any(Date) });
    const [asked, ...again] = await auditEvents(h.prisma, "rollout.completion_confirmation_requested");
    expect(again).toEqual([]);
    expect(asked).toMatchObject({ actorName: "Stagegate (automatic)", data: { rolloutId: rollout.id, step: 4, reason: `Auto mode did not complete the rollout: ${CONFIRMATION_WANTED}.` } });
    expect(await h.prisma.outboxJob.count({ where: { kind: SET_CHAMPION_JOB } })).toBe(0);
    expect((await readRolloutStatus(h.viewer, { id: rollout.id }, h.services)).awaitingCompletionConfirmation).toBe(true);

    // The lead's advance is the confirmation.
    await h.act(h.lead, await h.reload(rollout.id), "advance");
    await runOutboxOnce(h.worker);
    expect(await h.reload(rollout.id)).toMatchObject({ status: "completed" });
    expect(h.mlflow.aliases.get("churn_xgb@champion")).toBe("7");
    const [completed] = await auditEvents(h.prisma, "rollout.completed");
    expect(completed).toMatchObject({ actorName: h.lead.user.name, data: { kpiJudgedInAnyStep: false } });

    const page = await readRollout(h.viewer, { id: rollout.id }, h.services);
    expect(page.kpiJudgedInAnyStep).toBe(false);
    expect(page.status.awaitingCompletionConfirmation).toBe(false);
    expect(page.rollout.completionConfirmationRequestedAt).toBe(waiting.completionConfirmationRequestedAt!.toISOString());
    expect(page.steps.map((step) => [step.index, step.leftBy?.action, step.leftBy?.actor, step.leftBy?.gates?.verdict])).toEqual([
      [0, "advance", "Stagegate (automatic)", "pass"],
      [1, "advance", "Stagegate (automatic)", "pass"],
      [2, "advance", "Stagegate (automatic)", "pass"],
      [3, "advance", "Stagegate (automatic)", "pass"],
      [4, "complete", h.lead.user.name, "pass"],
    ]);
    expect(page.steps[1]!.leftBy!.gates!.gates.find((gate) => gate.gate === "latency")).toMatchObject({ status: "pass", candidate: 80, baseline: 80 });
    // Each step's charts over its own window, asked for one step at a time.
    const sent = h.telemetry.sent.length;
    const series = await readStepSeries(h.viewer, { id: rollout.id, step: "2" }, h.services);
    expect(series.problem).toBeNull();
    expect(h.telemetry.sent.slice(sent).map((query) => query.name)).toEqual(["deploymentSeries"]);
    expect(h.telemetry.sent.at(-1)!.timespan.from.toISOString()).toBe(page.steps[2]!.window.from);
    expect(series.chart?.window.to.localeCompare(page.steps[2]!.window.to!)).toBeLessThanOrEqual(0);
    await expect(readStepSeries(h.viewer, { id: rollout.id, step: 7 }, h.services)).rejects.toMatchObject({ code: "not_found" });
    await expect(readStepSeries(h.viewer, { id: rollout.id, step: "two" }, h.services)).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("completes on its own when the KPI was judged in a step, and records it", async () => {
    const h = await rolloutHarness(currentDatabase());
    // Outcomes arrived for the candidate and the baseline: the KPI gate passes in live steps (interval above −2 %).
    h.telemetry.rows.deploymentKpi = ["blue", "green"].map((deployment) => ({ Deployment: deployment, Offers: 100_000, OffersToChurners: 20_000, Outcomes: 100_000 }));
    const rollout = await started(h);
    await autoAdvanceToLastStep(h, rollout.id);
    h.advanceClock(BAKED_MS);
    expect((await evaluateAutoRollouts(h.services))[0]).toMatchObject({ outcome: "advanced", why: expect.stringContaining("the rollout is complete") });
    expect(await h.reload(rollout.id)).toMatchObject({ status: "completed", completionConfirmationRequestedAt: null });
    expect((await auditEvents(h.prisma, "rollout.completed"))[0]).toMatchObject({ actorName: "Stagegate (automatic)", data: { kpiJudgedInAnyStep: true } });
    expect((await readRollout(h.viewer, { id: rollout.id }, h.services)).kpiJudgedInAnyStep).toBe(true);
  });

  it("completes on its own without KPI evidence when the template does not ask for confirmation, and records that it had none", async () => {
    const h = await rolloutHarness(currentDatabase());
    const rollout = await started(h);
    const { plan } = await h.reload(rollout.id);
    await h.prisma.rollout.update({ where: { id: rollout.id }, data: { plan: { ...(plan as object), confirmCompletionWithoutKpi: false } } });
    await autoAdvanceToLastStep(h, rollout.id);
    h.advanceClock(BAKED_MS);
    expect((await evaluateAutoRollouts(h.services))[0]).toMatchObject({ outcome: "advanced" });
    expect(await h.reload(rollout.id)).toMatchObject({ status: "completed", completionConfirmationRequestedAt: null });
    expect((await auditEvents(h.prisma, "rollout.completed"))[0]).toMatchObject({ actorName: "Stagegate (automatic)", data: { kpiJudgedInAnyStep: false } });
  });
});
