import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { reliabilityDiagram, type ReliabilityDiagram } from "@/lib/domain/monitoring/calibration";
import { deadLetterHealth, featureTableHealth } from "@/lib/domain/monitoring/data-health";
import { driftHeatmap, featureHistogram, type DriftCellCounts } from "@/lib/domain/monitoring/drift-heatmap";
import { compareVersions } from "@/lib/domain/monitoring/fleet-health";
import { decileLift, gainCurve, liftAgainstChampion, type DecileLift, type GainCurve } from "@/lib/domain/monitoring/lift";
import { DRIFT_CONVENTIONS } from "@/lib/domain/monitoring/psi";
import { alignedCells, cellSizeFor, parseTimeRange, type TimeRange } from "@/lib/domain/time-range";
import { invalidInput } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";
import { kqlDatetimeLiteral, kqlStringLiteral, kqlTimespanLiteral } from "@/lib/sources/log-analytics/kql-parameters";
import {
  calibrationQuery,
  calibrationRow,
  deadLetterQuery,
  deadLetterRow,
  driftBinRow,
  driftBinsQuery,
  driftCellRow,
  driftCellsQuery,
  featureFreshnessQuery,
  featureFreshnessRow,
  liftByDecileQuery,
  liftByDecileRow,
  topDecileLiftQuery,
  topDecileLiftRow,
} from "./monitoring.kql";
import { mapPanel, nextRefreshAt, readPanel, roundedNow } from "./monitoring-reads";
import { readDecisionAnnotations } from "./read-decision-annotations";

/** Labels arrive 48–72 h after the prediction: a cohort is matured once its newest prediction is older than this. */
export const LABEL_HORIZON_MS = 72 * 3_600_000;
/** Freshness and dead-letter probes run every 5 minutes: the last hour holds each table's and queue's latest. */
const PROBE_LOOKBACK_MS = 3_600_000;

const inputSchema = z.object({
  model: z.string().trim().min(1).max(256),
  from: z.string().max(64).nullish(),
  to: z.string().max(64).nullish(),
  /** The feature whose histogram is shown (default: the worst). */
  feature: z.string().max(256).nullish(),
  /** A heatmap cell's start (ISO) to show the histogram of (default: the whole range). */
  cell: z.iso.datetime().nullish(),
});

export interface VersionOutcomes {
  version: string;
  lift: DecileLift;
  gain: GainCurve | null;
  reliability: ReliabilityDiagram;
  /** Top-decile lift per cell; null where the cell has no outcomes. */
  topDecileLiftOverTime: { start: string; lift: number | null; predictions: number }[];
}

function byVersion<T extends { ModelVersion: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.ModelVersion);
    if (group) group.push(row);
    else groups.set(row.ModelVersion, [row]);
  }
  return groups;
}

/**
 * A model's monitoring page: drift heatmap and histogram, lift, gains and calibration of matured
 * cohorts per version, data health, and Stagegate's decisions on the same time axis. Every read
 * starts at once (one upstream round trip); each panel degrades on its own.
 */
export async function readModelMonitoring(ctx: RequestContext, rawInput: Record<string, unknown>, services: Pick<Services, "db" | "logAnalytics" | "now">) {
  requirePermission(ctx, "monitoring:read");
  const parsed = inputSchema.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;
  const now = services.now();
  const parsedRange = parseTimeRange({ from: input.from, to: input.to }, roundedNow(now));
  if (!parsedRange.ok) throw invalidInput([{ path: ["from"], message: parsedRange.problem }]);
  const range: TimeRange = parsedRange.range;
  const cellSize = cellSizeFor(range);
  const cellStarts = alignedCells(range, cellSize);
  // From the rounded instant, like the range's end: the outcome queries' text (their cache key) holds still between refreshes.
  const matureBefore = new Date(Math.min(range.to.getTime(), roundedNow(now).getTime() - LABEL_HORIZON_MS));
  const window = { modelName: kqlStringLiteral(input.model), windowStart: kqlDatetimeLiteral(range.from), windowEnd: kqlDatetimeLiteral(range.to) };
  const timespan = { from: range.from, to: range.to };
  // Outcomes are written after the prediction: their scan runs up to now.
  const outcomesTimespan = { from: range.from, to: roundedNow(now) };
  const outcomes = { ...window, matureBefore: kqlDatetimeLiteral(matureBefore) };
  const probes = { windowStart: kqlDatetimeLiteral(new Date(roundedNow(now).getTime() - PROBE_LOOKBACK_MS)) };
  const probeTimespan = { from: new Date(roundedNow(now).getTime() - PROBE_LOOKBACK_MS), to: roundedNow(now) };

  const [cells, bins, lift, calibration, topDecile, freshness, deadLetter, annotations] = await Promise.all([
    readPanel(services, { name: "driftCells", text: driftCellsQuery({ ...window, cellSize: kqlTimespanLiteral(cellSize.ms) }), timespan, row: driftCellRow }),
    readPanel(services, { name: "driftBins", text: driftBinsQuery(window), timespan, row: driftBinRow }),
    readPanel(services, { name: "liftByDecile", text: liftByDecileQuery(outcomes), timespan: outcomesTimespan, row: liftByDecileRow }),
    readPanel(services, { name: "calibration", text: calibrationQuery(outcomes), timespan: outcomesTimespan, row: calibrationRow }),
    readPanel(services, { name: "topDecileLift", text: topDecileLiftQuery({ ...outcomes, cellSize: kqlTimespanLiteral(cellSize.ms) }), timespan: outcomesTimespan, row: topDecileLiftRow }),
    readPanel(services, { name: "featureFreshness", text: featureFreshnessQuery(probes), timespan: probeTimespan, row: featureFreshnessRow }),
    readPanel(services, { name: "deadLetter", text: deadLetterQuery(probes), timespan: probeTimespan, row: deadLetterRow }),
    // The database is local and current: a live range's decisions run up to this instant, not the rounded end.
    readDecisionAnnotations(ctx, { model: input.model, from: range.from, to: range.live ? new Date(Math.max(now.getTime(), range.to.getTime()) + 1) : range.to }, services),
  ]);

  const cellCounts = mapPanel(cells, (rows): DriftCellCounts[] =>
    rows.map((row) => ({ feature: row.FeatureName, featureType: row.FeatureType, cellStart: row.CellStart, bin: row.Bin, currentCount: row.CurrentCount, referenceShare: row.ReferenceShare })),
  );
  const heatmap = mapPanel(cellCounts, (rows) => driftHeatmap(rows, cellStarts));
  const chosenFeature = input.feature ?? heatmap.value?.features[0]?.feature ?? null;
  const chosenFeatureRow = [...(heatmap.value?.features ?? []), ...(heatmap.value?.prediction ? [heatmap.value.prediction] : [])].find((row) => row.feature === chosenFeature) ?? null;
  const cellStart = input.cell ? new Date(input.cell) : null;
  const histogramWindow = cellStart ? { from: cellStart, to: new Date(cellStart.getTime() + cellSize.ms) } : { from: cellStarts[0] ?? range.from, to: range.to };
  const histogram = chosenFeature && cellCounts.value && bins.value
    ? featureHistogram(
        chosenFeature,
        cellCounts.value,
        bins.value.map((row) => ({ feature: row.FeatureName, bin: row.Bin, lower: row.BinLower, upper: row.BinUpper, category: row.Category, referenceShare: row.ReferenceShare, reference: row.ReferenceWindow })),
        histogramWindow,
      )
    : null;

  const versions = mapPanel(lift, (rows) => {
    const liftRows = byVersion(rows);
    const calibrationRows = byVersion(calibration.value ?? []);
    const topRows = byVersion(topDecile.value ?? []);
    return [...liftRows.keys()].sort(compareVersions).map((version): VersionOutcomes => {
      const deciles = liftRows.get(version)!.map((row) => ({ decile: row.ScoreDecile, predictions: row.Predictions, positives: row.Positives }));
      const topByCell = new Map((topRows.get(version) ?? []).map((row) => [row.CellStart.getTime(), row]));
      return {
        version,
        lift: decileLift(deciles),
        gain: gainCurve(deciles),
        reliability: reliabilityDiagram((calibrationRows.get(version) ?? []).map((row) => ({ bin: row.ScoreBin, predictions: row.Predictions, scoreSum: row.ScoreSum ?? 0, positives: row.Positives, squaredErrorSum: row.SquaredErrorSum ?? 0 }))),
        topDecileLiftOverTime: cellStarts.map((start) => {
          const row = topByCell.get(start.getTime());
          const overall = row && row.Predictions > 0 ? row.Positives / row.Predictions : 0;
          const top = row && row.TopPredictions > 0 ? row.TopPositives / row.TopPredictions : null;
          return { start: start.toISOString(), lift: top !== null && overall > 0 ? top / overall : null, predictions: row?.Predictions ?? 0 };
        }),
      };
    });
  });
  const [previous, newest] = (versions.value ?? []).slice(-2);

  return {
    model: input.model,
    range: { from: range.from.toISOString(), to: range.to.toISOString(), fromText: range.fromText, toText: range.toText, live: range.live, label: range.label, refreshAt: range.live ? nextRefreshAt(now) : null },
    cellSize,
    conventions: DRIFT_CONVENTIONS,
    heatmap,
    histogram,
    chosenFeature,
    /** The chosen feature's heatmap row, for its PSI over time. */
    chosenFeatureRow,
    chosenCell: cellStart?.toISOString() ?? null,
    outcomes: { ...versions, matureBefore: matureBefore.toISOString(), calibrationProblem: calibration.problem, topDecileProblem: topDecile.problem },
    comparison: previous && newest ? { newest: newest.version, previous: previous.version, ...liftAgainstChampion(newest.lift, previous.lift) } : null,
    featureTables: mapPanel(freshness, (rows) =>
      featureTableHealth(rows.map((row) => ({ table: row.FeatureTable, consumersText: row.ConsumersText, lagMinutes: row.LagMinutes, lastRefreshTime: row.LastRefreshTime, probedAt: row.ProbedAt }))).filter(
        (table) => table.consumers.length === 0 || table.consumers.includes(input.model),
      ),
    ),
    deadLetters: mapPanel(deadLetter, (rows) => deadLetterHealth(rows.map((row) => ({ namespace: row.Namespace, queue: row.Queue, depth: row.Depth, oldestMessageAgeMinutes: row.OldestMessageAgeMinutes, sampledAt: row.SampledAt })))),
    annotations,
  };
}

export type ModelMonitoring = Awaited<ReturnType<typeof readModelMonitoring>>;
