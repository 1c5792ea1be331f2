// The rollout telemetry queries of lib/rollouts/telemetry/deployment-stats.kql.ts over the emulator's
// generated telemetry: sensible numbers for churn-endpoint before, during and after a canary, a
// regressed candidate the judge fails, a shadow step's mirrored copies (whose outcomes the KPI
// leaves out), the KPI once labels are known, and the 30-day availability budget. The text is the
// app's own, parameters and all.
import { describe, expect, it } from "vitest";
import { judgeStep } from "../../lib/domain/canary-judge";
import { AVAILABILITY_SLO, errorBudget } from "../../lib/domain/slo/error-budget";
import { kqlStringLiteral, withParameters } from "../../lib/sources/log-analytics/kql-parameters";
import { parseRows } from "../../lib/sources/log-analytics/log-analytics-rows";
import {
  deploymentKpiQuery,
  deploymentKpiRow,
  deploymentSeriesQuery,
  deploymentSeriesRow,
  deploymentStatsQuery,
  deploymentStatsRow,
  endpointAvailabilityQuery,
  endpointAvailabilityRow,
} from "../../lib/rollouts/telemetry/deployment-stats.kql";
import { deploymentsFromRows, baselineAndCandidate, kpisFromRows, seriesFromRows } from "../../lib/rollouts/telemetry/deployment-telemetry";
import type { z } from "zod";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../scenario/clock";
import { telemetryTestContext, type TelemetryTestContext } from "../scenario/telemetry/testing/telemetry-test-context";
import { runKql } from "./run-kql";

const ENDPOINT = "churn-endpoint";

/** Runs the app's text over the generated tables and parses the rows as the app's client does. */
function run<Schema extends z.ZodType>(test: TelemetryTestContext, text: string, row: Schema): z.infer<Schema>[] {
  const result = runKql(text, { sources: test.telemetry.sources, nowMs: test.clock.now().getTime() });
  expect(result.partial).toBeUndefined();
  // The engine keeps datetimes as epoch ms; on the wire the SDK hands them over as Date.
  const toWire = (value: unknown, column: number) => (result.columns[column]!.type === "datetime" && typeof value === "number" ? new Date(value) : value);
  const table = { columnDescriptors: result.columns, rows: result.rows.map((values) => values.map(toWire)) };
  const parsed = parseRows(table, row);
  if ("problem" in parsed) throw new Error(`row ${parsed.problem.row}, ${parsed.problem.path}: ${parsed.problem.message}`);
  return parsed.rows;
}

const window = (test: TelemetryTestContext, from: number, to = test.clock.now().getTime()) => ({ endpoint: ENDPOINT, from: new Date(from), to: new Date(to) });
const deploymentStats = (test: TelemetryTestContext, from: number, to?: number) => deploymentsFromRows(run(test, deploymentStatsQuery(window(test, from, to)), deploymentStatsRow));

describe("rollout queries on the emulator", () => {
  it("see blue alone before any rollout: the day's traffic, a healthy p95 and error rate", () => {
    const test = telemetryTestContext();
    const now = test.clock.now().getTime();
    const [blue, ...others] = deploymentStats(test, now - HOUR_MS);
    expect(others).toEqual([]);
    expect(blue!.deployment).toBe("blue");
    // 600 requests a minute at the daily peak; noon is well above the night's trough.
    expect(blue!.live.requests).toBeGreaterThan(60 * 150);
    expect(blue!.live.requests).toBeLessThan(60 * 700);
    expect(blue!.live.p95Ms).toBeGreaterThan(60);
    expect(blue!.live.p95Ms).toBeLessThan(120);
    expect(blue!.live.errorRate).toBeLessThan(0.01);
    expect(blue!.mirrored.requests).toBe(0);
    // Sampled: about ten rows a minute, each standing for several requests.
    expect(blue!.live.sampledRows).toBeGreaterThan(60 * 8);
    expect(blue!.live.sampledRows).toBeLessThan(blue!.live.requests / 2);
  });

  it("split a 10 % canary about 90/10, which the judge passes on latency and errors while the KPI waits for labels", () => {
    const test = telemetryTestContext();
    const start = test.clock.now().getTime();
    test.context.fleet.applyTraffic(ENDPOINT, { blue: 90, green: 10 }, {});
    test.clock.advance(2 * HOUR_MS);
    const canary = deploymentStats(test, start);
    const [blue, green] = canary;
    expect(canary.map((stats) => stats.deployment)).toEqual(["blue", "green"]);
    const share = green!.live.requests / (green!.live.requests + blue!.live.requests);
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
    expect(green!.live.p95Ms! / blue!.live.p95Ms!).toBeGreaterThan(0.85);
    expect(green!.live.p95Ms! / blue!.live.p95Ms!).toBeLessThan(1.15);

    const kpis = kpisFromRows(run(test, deploymentKpiQuery(window(test, start)), deploymentKpiRow));
    expect(kpis).toEqual([]);
    const judgement = judgeStep({ ...baselineAndCandidate({ deployments: canary, kpis, baseline: "blue", candidate: "green", candidateTraffic: "live" }), budgetRemaining: null });
    expect(Object.fromEntries(judgement.gates.map((gate) => [gate.gate, gate.status]))).toEqual({ sample: "pass", latency: "pass", errors: "pass", kpi: "insufficient-data" });
  });

  it("show a candidate switched to regressed as slower and failing more, and the judge fails it", () => {
    const test = telemetryTestContext();
    test.context.fleet.applyTraffic(ENDPOINT, { blue: 75, green: 25 }, {});
    test.clock.advance(30 * MINUTE_MS);
    const regressedAt = test.clock.now().getTime();
    test.context.fleet.setBehaviour(ENDPOINT, "green", "regressed");
    test.clock.advance(HOUR_MS);
    const [blue, green] = deploymentStats(test, regressedAt);
    expect(green!.live.p95Ms! / blue!.live.p95Ms!).toBeGreaterThan(1.4);
    expect(green!.live.errorRate! - blue!.live.errorRate!).toBeGreaterThan(0.015);
    const judgement = judgeStep({ ...baselineAndCandidate({ deployments: [blue!, green!], kpis: null, baseline: "blue", candidate: "green", candidateTraffic: "live" }), budgetRemaining: null });
    expect(judgement.verdict).toBe("fail");
    expect(judgement.gates.filter((gate) => gate.status === "fail").map((gate) => gate.gate)).toEqual(["latency", "errors"]);

    // Per minute, for the charts: the regression shows from the switch on.
    const series = seriesFromRows(run(test, deploymentSeriesQuery({ ...window(test, regressedAt - 30 * MINUTE_MS), binMs: MINUTE_MS }), deploymentSeriesRow));
    const greenLive = series.find((entry) => entry.deployment === "green" && entry.traffic === "live")!;
    expect(greenLive.points).toHaveLength(90);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const p95Before = median(greenLive.points.slice(0, 30).map((point) => point.p95Ms!));
    const p95After = median(greenLive.points.slice(30).map((point) => point.p95Ms!));
    expect(p95After / p95Before).toBeGreaterThan(1.4);
    expect(greenLive.points.every((point) => point.requests > 0 && point.errorRate !== null)).toBe(true);
  });

  it("keep a shadow step's mirrored copies apart from live requests", () => {
    const test = telemetryTestContext();
    const start = test.clock.now().getTime();
    test.context.fleet.applyTraffic(ENDPOINT, { blue: 100, green: 0 }, { green: 20 });
    test.clock.advance(HOUR_MS);
    const [blue, green] = deploymentStats(test, start);
    expect(green!.live.requests).toBe(0);
    expect(blue!.mirrored.requests).toBe(0);
    const mirrorShare = green!.mirrored.requests / blue!.live.requests;
    expect(mirrorShare).toBeGreaterThan(0.16);
    expect(mirrorShare).toBeLessThan(0.24);
    const { candidate } = baselineAndCandidate({ deployments: [blue!, green!], kpis: null, baseline: "blue", candidate: "green", candidateTraffic: "mirrored" });
    expect(candidate.requests).toBe(green!.mirrored.requests);
    expect(candidate.p95Ms).toBeLessThan(120);

    // Once the labels are in, green's mirrored scores are outcomes for lift but never for the KPI: nothing was offered on them.
    test.clock.advance(3 * DAY_MS);
    const at = (ms: number) => `datetime(${new Date(ms).toISOString()})`;
    const outcomes = runKql(`ModelOutcomes_CL | where PredictionTime >= ${at(start)} and PredictionTime < ${at(start + HOUR_MS)} | summarize n = count() by Deployment, Mirrored | order by Deployment asc`, {
      sources: test.telemetry.sources,
      nowMs: test.clock.now().getTime(),
    });
    expect(outcomes.rows).toEqual([["blue", false, 40], ["green", true, 8]]);
    const kpis = kpisFromRows(run(test, deploymentKpiQuery(window(test, start, start + HOUR_MS)), deploymentKpiRow));
    expect(kpis.map((kpi) => [kpi.deployment, kpi.outcomes])).toEqual([["blue", 40]]);
  });

  it("measure the KPI per arm once the labels of the window's predictions are known", () => {
    const test = telemetryTestContext();
    const start = test.clock.now().getTime();
    test.context.fleet.applyTraffic(ENDPOINT, { blue: 50, green: 50 }, {});
    // Labels arrive 48–72 hours after the prediction.
    test.clock.advance(4 * DAY_MS);
    const kpis = kpisFromRows(run(test, deploymentKpiQuery(window(test, start, start + DAY_MS)), deploymentKpiRow));
    expect(kpis.map((kpi) => kpi.deployment)).toEqual(["blue", "green"]);
    // The offer's randomized holdout, counted over the same predictions.
    const at = (ms: number) => `datetime(${new Date(ms).toISOString()})`;
    const holdouts = runKql(`ModelOutcomes_CL | where Endpoint == '${ENDPOINT}' and PredictionTime >= ${at(start)} and PredictionTime < ${at(start + DAY_MS)} | summarize heldOut = countif(Holdout) by Deployment`, {
      sources: test.telemetry.sources,
      nowMs: test.clock.now().getTime(),
    });
    const heldOut = new Map(holdouts.rows.map(([deployment, count]) => [deployment, count as number]));
    for (const kpi of kpis) {
      // 20 predictions an hour per arm at 50 %, the top three deciles offered but for about 10 % held out.
      expect(kpi.outcomes).toBe(24 * 20);
      expect(kpi.offers + heldOut.get(kpi.deployment)!).toBe(24 * 6);
      expect(heldOut.get(kpi.deployment)!).toBeGreaterThan(24 * 6 * 0.03);
      expect(heldOut.get(kpi.deployment)!).toBeLessThan(24 * 6 * 0.2);
      expect(kpi.offersToChurners / kpi.offers).toBeGreaterThan(0.2);
      expect(kpi.offersToChurners / kpi.offers).toBeLessThan(0.5);
    }
    // Before the rollout green made no predictions: blue alone.
    const before = kpisFromRows(run(test, deploymentKpiQuery(window(test, start - DAY_MS, start)), deploymentKpiRow));
    expect(before.map((kpi) => kpi.deployment)).toEqual(["blue"]);
  });

  it("count 30 days of live requests for the availability budget, mirrored copies left out", () => {
    const test = telemetryTestContext();
    const now = test.clock.now().getTime();
    const [counts] = run(test, endpointAvailabilityQuery(window(test, now - 30 * DAY_MS)), endpointAvailabilityRow);
    // About 0.55 of the 600/min peak on average, over 30 days.
    expect(counts!.Total).toBeGreaterThan(0.4 * 600 * 1440 * 30);
    expect(counts!.Total).toBeLessThan(0.7 * 600 * 1440 * 30);
    const budget = errorBudget({ total: counts!.Total, bad: counts!.Bad }, AVAILABILITY_SLO.target);
    // The emulator's healthy error rate (about 0.05 %) spends about half of a 99.9 % budget.
    expect(budget.burnRate).toBeGreaterThan(0.3);
    expect(budget.burnRate).toBeLessThan(0.7);
    expect(budget.remaining).toBeGreaterThan(0.3);

    test.context.fleet.applyTraffic(ENDPOINT, { blue: 100, green: 0 }, { green: 50 });
    test.clock.advance(10 * MINUTE_MS);
    const shadow = window(test, now, test.clock.now().getTime());
    const [live] = run(test, endpointAvailabilityQuery(shadow), endpointAvailabilityRow);
    const blueOnly = deploymentStats(test, now);
    expect(live!.Total).toBe(blueOnly.find((stats) => stats.deployment === "blue")!.live.requests);
  });

  it("pass any endpoint name through as a literal value, never as query text", () => {
    const test = telemetryTestContext();
    for (const value of ['x" or 1 == 1 or "', "back\\slash", "line\nbreak\ttab", "control\u0001char", "ünïcødé ✓"]) {
      const text = withParameters("AppRequests | where TimeGenerated > ago(1m) | take 1 | project Value = endpointName", { endpointName: kqlStringLiteral(value) });
      const result = runKql(text, { sources: test.telemetry.sources, nowMs: test.clock.now().getTime() });
      expect(result.rows, value).toEqual([[value]]);
    }
    expect(deploymentStats(test, test.clock.now().getTime() - HOUR_MS).length).toBe(1);
    expect(run(test, deploymentStatsQuery({ endpoint: 'churn-endpoint" or "1" == "1', from: new Date(test.clock.now().getTime() - HOUR_MS), to: test.clock.now() }), deploymentStatsRow)).toEqual([]);
  });
});
