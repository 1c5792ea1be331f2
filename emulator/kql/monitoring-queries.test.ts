// The monitoring KQL of lib/monitoring/monitoring.kql.ts over the emulator's generated telemetry,
// fed to the app's own formulas (lib/domain/monitoring) as the monitoring page feeds them: the
// scripted drift shows as significant today and stable ten days back, the other features stay
// stable, the outage's hourly cells are greyed for too few samples, and lift has counts per decile,
// for v6 and for v7 on the mirrored copies of its shadow evaluation.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { featureTableHealth } from "../../lib/domain/monitoring/data-health";
import { fleetHealth } from "../../lib/domain/monitoring/fleet-health";
import { decileLift } from "../../lib/domain/monitoring/lift";
import { driftHeatmap, type DriftCellCounts } from "../../lib/domain/monitoring/drift-heatmap";
import { alignedCells, cellSizeFor, parseTimeRange } from "../../lib/domain/time-range";
import { kqlDatetimeLiteral, kqlStringLiteral, kqlTimespanLiteral } from "../../lib/sources/log-analytics/kql-parameters";
import { parseRows } from "../../lib/sources/log-analytics/log-analytics-rows";
import {
  driftCellRow,
  driftCellsQuery,
  featureFreshnessQuery,
  featureFreshnessRow,
  fleetDriftQuery,
  fleetDriftRow,
  fleetLiftQuery,
  fleetLiftRow,
  liftByDecileQuery,
  liftByDecileRow,
} from "../../lib/monitoring/monitoring.kql";
import { STALE_FEATURE_TABLE } from "../scenario/telemetry/feature-freshness-table";
import { DAY_MS, HOUR_MS } from "../scenario/clock";
import { DRIFTING_FEATURE, LOW_SAMPLE_WINDOW, SECOND_DRIFT } from "../scenario/telemetry/model-drift-table";
import { telemetryTestContext, type TelemetryTestContext } from "../scenario/telemetry/testing/telemetry-test-context";
import { runKql } from "./run-kql";

function run<Schema extends z.ZodType>(test: TelemetryTestContext, text: string, row: Schema): z.infer<Schema>[] {
  const result = runKql(text, { sources: test.telemetry.sources, nowMs: test.clock.now().getTime() });
  const toWire = (value: unknown, column: number) => (result.columns[column]!.type === "datetime" && typeof value === "number" ? new Date(value) : value);
  const parsed = parseRows({ columnDescriptors: result.columns, rows: result.rows.map((values) => values.map(toWire)) }, row);
  if ("problem" in parsed) throw new Error(`row ${parsed.problem.row}, ${parsed.problem.path}: ${parsed.problem.message}`);
  return parsed.rows;
}

function heatmapOf(test: TelemetryTestContext, from: string, to = "now") {
  const parsed = parseTimeRange({ from, to }, test.clock.now());
  if (!parsed.ok) throw new Error(parsed.problem);
  const cellSize = cellSizeFor(parsed.range);
  const text = driftCellsQuery({ modelName: kqlStringLiteral("churn_xgb"), windowStart: kqlDatetimeLiteral(parsed.range.from), windowEnd: kqlDatetimeLiteral(parsed.range.to), cellSize: kqlTimespanLiteral(cellSize.ms) });
  const rows: DriftCellCounts[] = run(test, text, driftCellRow).map((row) => ({ feature: row.FeatureName, featureType: row.FeatureType, cellStart: row.CellStart, bin: row.Bin, currentCount: row.CurrentCount, referenceShare: row.ReferenceShare }));
  return { heatmap: driftHeatmap(rows, alignedCells(parsed.range, cellSize)), rows: rows.length };
}

describe("monitoring queries on the emulator", () => {
  it("show monthly_charges significant today and stable ten days back, every other input stable, from daily summed counts", () => {
    const test = telemetryTestContext();
    const { heatmap, rows } = heatmapOf(test, "now-14d");
    // Counts per feature, day and bin: far fewer than the drift job's hourly bin rows.
    expect(rows).toBeLessThanOrEqual(15 * 7 * 10);
    const charges = heatmap.features.find((row) => row.feature === DRIFTING_FEATURE.featureName)!;
    expect(heatmap.features[0]!.feature).toBe(DRIFTING_FEATURE.featureName);
    expect(charges.latest!.band).toBe("significant");
    const tenDaysAgo = charges.cells.find((cell) => Date.parse(cell.start) <= test.clock.now().getTime() - 11 * DAY_MS && Date.parse(cell.start) > test.clock.now().getTime() - 12 * DAY_MS)!;
    expect(tenDaysAgo.band).toBe("stable");
    for (const feature of heatmap.features.filter((row) => row.feature !== DRIFTING_FEATURE.featureName)) expect(feature.worst?.band, feature.feature).toBe("stable");
    expect(heatmap.prediction!.feature).toBe("prediction_score");
  });

  it("grey the outage's hourly cells: too few samples for a band, though they have a PSI", () => {
    const test = telemetryTestContext();
    const outageStart = test.clock.anchor.getTime() + LOW_SAMPLE_WINDOW.startFromAnchorMs;
    // Two days around the outage: hourly cells.
    const { heatmap } = heatmapOf(test, new Date(outageStart - DAY_MS).toISOString(), new Date(outageStart + DAY_MS).toISOString());
    const tenure = heatmap.features.find((row) => row.feature === "tenure_months")!;
    const outage = tenure.cells.filter((cell) => Date.parse(cell.start) >= outageStart && Date.parse(cell.start) < outageStart + 3 * HOUR_MS);
    expect(outage).toHaveLength(3);
    for (const cell of outage) expect(cell).toMatchObject({ tooFew: true, band: null });
    expect(outage.every((cell) => cell.samples >= LOW_SAMPLE_WINDOW.minSamples && cell.samples <= LOW_SAMPLE_WINDOW.maxSamples)).toBe(true);
  });

  it("give v6's and v7's lift per decile with counts on their matured cohorts, the top decile about three times the average", () => {
    const test = telemetryTestContext();
    const now = test.clock.now().getTime();
    const text = liftByDecileQuery({ modelName: kqlStringLiteral("churn_xgb"), windowStart: kqlDatetimeLiteral(new Date(now - 30 * DAY_MS)), windowEnd: kqlDatetimeLiteral(new Date(now)), matureBefore: kqlDatetimeLiteral(new Date(now - 3 * DAY_MS)) });
    const rows = run(test, text, liftByDecileRow);
    const v6 = decileLift(rows.filter((row) => row.ModelVersion === "6").map((row) => ({ decile: row.ScoreDecile, predictions: row.Predictions, positives: row.Positives })));
    expect(v6.deciles.every((decile) => decile.predictions > 500)).toBe(true);
    expect(v6.deciles[0]!.lift!).toBeGreaterThan(2.5);
    expect(v6.deciles[0]!.lift!).toBeLessThan(3.5);
    expect(v6.deciles[9]!.lift!).toBeLessThan(0.6);
    // v7 scored mirrored copies of 20 % of the requests from 14 days before the anchor: 8 of each
    // hourly batch of 40 up to the matured cohort's end, every decile filled.
    const v7 = decileLift(rows.filter((row) => row.ModelVersion === "7").map((row) => ({ decile: row.ScoreDecile, predictions: row.Predictions, positives: row.Positives })));
    const shadowHours = (now - 3 * DAY_MS - (test.clock.anchor.getTime() - 14 * DAY_MS)) / HOUR_MS;
    expect(v7.predictions).toBe(shadowHours * 8);
    expect(v7.deciles.every((decile) => decile.predictions > 150)).toBe(true);
    expect(v7.deciles[0]!.lift!).toBeGreaterThan(2.5);
  });

  it("rank the fleet worst first: churn_xgb significant and reading a stale table, fraud_lgbm moderate, each with its top-decile lift", () => {
    const test = telemetryTestContext();
    const now = test.clock.now().getTime();
    const at = (ms: number) => kqlDatetimeLiteral(new Date(ms));
    const drift = run(test, fleetDriftQuery({ windowStart: at(now - DAY_MS), windowEnd: at(now) }), fleetDriftRow);
    const lift = run(test, fleetLiftQuery({ windowStart: at(now - 17 * DAY_MS), matureBefore: at(now - 3 * DAY_MS) }), fleetLiftRow);
    const probes = run(test, featureFreshnessQuery({ windowStart: at(now - HOUR_MS) }), featureFreshnessRow);
    const fleet = fleetHealth(
      drift.map((row) => ({ model: row.ModelName, endpoint: row.Endpoint, feature: row.FeatureName, featureType: row.FeatureType, bin: row.Bin, currentCount: row.CurrentCount, referenceShare: row.ReferenceShare })),
      lift.map((row) => ({ model: row.ModelName, version: row.ModelVersion, decile: row.ScoreDecile, predictions: row.Predictions, positives: row.Positives })),
      featureTableHealth(probes.map((row) => ({ table: row.FeatureTable, consumersText: row.ConsumersText, lagMinutes: row.LagMinutes, lastRefreshTime: row.LastRefreshTime, probedAt: row.ProbedAt }))),
    );
    expect(fleet.map((row) => [row.model, row.worst?.feature, row.worst?.band])).toEqual([
      ["churn_xgb", DRIFTING_FEATURE.featureName, "significant"],
      ["fraud_lgbm", SECOND_DRIFT.featureName, "moderate"],
    ]);
    expect(fleet[0]!.drifting.map((feature) => feature.feature)).toEqual([DRIFTING_FEATURE.featureName]);
    expect(fleet[0]!.staleTables).toContain(STALE_FEATURE_TABLE);
    // v7's shadow evaluation against v6 on the same requests.
    expect(fleet[0]!.newest).toMatchObject({ version: "7" });
    expect(fleet[0]!.previous).toMatchObject({ version: "6" });
    expect(fleet[0]!.newest!.topDecileLift!).toBeGreaterThan(2.5);
    expect(fleet[0]!.previous!.topDecileLift!).toBeGreaterThan(2.5);
    // A page receives counts, not telemetry rows: one per model, feature and bin.
    expect(drift.length).toBeLessThanOrEqual(200);
  });
});
