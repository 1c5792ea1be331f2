// The custom tables of the monitoring jobs: drift that starts ten days back, one stale feature
// table, lift by score decile with labels known after a delay, and dead-letter depth with spikes.
import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS } from "../clock";
import { DRIFTING_FEATURE, driftOnset } from "./model-drift-table";
import { STALE_FEATURE_TABLE } from "./feature-freshness-table";
import { telemetryTestContext } from "./testing/telemetry-test-context";

describe("ModelDrift_CL", () => {
  it("keeps every feature stable except one, which drifts from ten days before now past 0.1 then 0.25", () => {
    const { query, clock, context } = telemetryTestContext();
    const now = clock.now().getTime();
    const onset = driftOnset(context);
    expect(now - onset).toBeGreaterThanOrEqual(10 * DAY_MS);
    expect(now - onset).toBeLessThan(11 * DAY_MS);

    const stable = query(`ModelDrift_CL | where not(ModelName == '${DRIFTING_FEATURE.modelName}' and FeatureName == '${DRIFTING_FEATURE.featureName}') | summarize max(Psi), dcount(FeatureName)`);
    expect(stable[0]!.max_Psi as number).toBeLessThan(0.1);
    expect(stable[0]!.dcount_FeatureName).toBeGreaterThanOrEqual(8);

    const drifting = query(`ModelDrift_CL | where FeatureName == '${DRIFTING_FEATURE.featureName}' | project WindowEnd, Psi | order by WindowEnd asc`);
    const windowsBefore = drifting.filter((row) => (row.WindowEnd as number) <= onset);
    expect(Math.max(...windowsBefore.map((row) => row.Psi as number))).toBeLessThan(0.1);
    const firstAbove = (threshold: number) => drifting.find((row) => (row.Psi as number) > threshold)!.WindowEnd as number;
    expect(firstAbove(0.1) - onset).toBeGreaterThan(1 * DAY_MS);
    expect(firstAbove(0.1) - onset).toBeLessThan(3.5 * DAY_MS);
    expect(firstAbove(0.25) - onset).toBeGreaterThan(5 * DAY_MS);
    expect(firstAbove(0.25) - onset).toBeLessThan(8 * DAY_MS);
    expect(drifting.at(-1)!.Psi as number).toBeGreaterThan(0.3);
  });

  it("writes one row per feature and hourly window, a few minutes after the window, naming the serving version", () => {
    const { query } = telemetryTestContext();
    const rows = query("ModelDrift_CL | where TimeGenerated > ago(1d) and ModelName == 'churn_xgb' | summarize windows = dcount(WindowEnd), rows = count(), versions = make_set(ModelVersion), delay = max(TimeGenerated - WindowEnd)");
    expect(rows[0]).toMatchObject({ windows: 24, rows: 24 * 6, versions: ["6"] });
    expect(rows[0]!.delay as number).toBeLessThan(15 * 60_000);
  });
});

describe("FeatureFreshness_CL", () => {
  it("shows every feature table fresh but one, hours behind its 15-minute SLO", () => {
    const { query, clock } = telemetryTestContext();
    const latest = query("FeatureFreshness_CL | summarize arg_max(TimeGenerated, *) by FeatureTable | project FeatureTable, LagMinutes, LastRefreshTime");
    expect(latest.length).toBeGreaterThanOrEqual(4);
    for (const row of latest) {
      if (row.FeatureTable === STALE_FEATURE_TABLE) {
        expect(row.LagMinutes as number).toBeGreaterThan(180);
        expect(clock.now().getTime() - (row.LastRefreshTime as number)).toBeGreaterThan(3 * HOUR_MS);
      } else {
        expect(row.LagMinutes as number, row.FeatureTable as string).toBeLessThan(15);
      }
    }
    expect(latest.map((row) => row.FeatureTable)).toContain(STALE_FEATURE_TABLE);
    // A week ago the stale table was as fresh as the others.
    const earlier = query(`FeatureFreshness_CL | where TimeGenerated < ago(7d) and FeatureTable == '${STALE_FEATURE_TABLE}' | summarize max(LagMinutes)`);
    expect(earlier[0]!.max_LagMinutes as number).toBeLessThan(15);
  });
});

describe("ModelOutcomes_CL", () => {
  it("has churn falling with the score decile, about 3x the average in the top decile", () => {
    const { query } = telemetryTestContext();
    const byDecile = query("ModelOutcomes_CL | summarize positives = countif(Label), n = count() by ScoreDecile | order by ScoreDecile asc");
    expect(byDecile.map((row) => row.ScoreDecile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const rates = byDecile.map((row) => (row.positives as number) / (row.n as number));
    const overall = byDecile.reduce((sum, row) => sum + (row.positives as number), 0) / byDecile.reduce((sum, row) => sum + (row.n as number), 0);
    expect(rates[0]! / overall).toBeGreaterThan(2.5);
    expect(rates[0]! / overall).toBeLessThan(3.5);
    expect(rates[0]!).toBeGreaterThan(rates[2]!);
    expect(rates[2]!).toBeGreaterThan(rates[5]!);
    expect(rates[5]!).toBeGreaterThan(rates[9]!);
  });

  it("knows labels only after a delay and values retained revenue of treated customers", () => {
    const { query } = telemetryTestContext();
    const [row] = query(
      "ModelOutcomes_CL | summarize minDelay = min(TimeGenerated - PredictionTime), value = sum(OutcomeValue), untreatedValue = sumif(OutcomeValue, not(Treated)), treatedDeciles = dcountif(ScoreDecile, Treated)",
    );
    expect(row!.minDelay as number).toBeGreaterThanOrEqual(48 * HOUR_MS);
    expect(row!.value as number).toBeGreaterThan(0);
    expect(row!.untreatedValue).toBe(0);
    expect(row!.treatedDeciles).toBe(3);
  });
});

describe("DeadLetter_CL", () => {
  it("keeps queues near empty with an occasional spike", () => {
    const { query } = telemetryTestContext();
    const byQueue = query("DeadLetter_CL | summarize median = percentile(Depth, 50), peak = max(Depth), samples = count() by Queue");
    expect(byQueue).toHaveLength(3);
    for (const queue of byQueue) expect(queue.median as number).toBeLessThanOrEqual(3);
    const scoring = byQueue.find((queue) => queue.Queue === "scoring-requests")!;
    expect(scoring.peak as number).toBeGreaterThan(100);
    expect(scoring.samples).toBeGreaterThan(30 * 24 * 12 - 20);
  });
});
