// The KQL of the monitoring pages. Log Analytics sums the drift job's bin counts and the outcome
// join's labels; Node receives counts per feature, cell and bin, or per version and decile, never a
// telemetry row. PSI, lift and calibration are computed from those sums in lib/domain/monitoring.
// Inputs arrive as `let` parameters (see withParameters): modelName, windowStart, windowEnd
// [start, end), cellSize, and matureBefore (predictions before it have all their labels).
import { z } from "zod";
import { kqlAgoLiteral, kqlStringLiteral, kqlTimespanLiteral, withParameters, type KqlLiteral } from "../sources/log-analytics/kql-parameters";
import { logsColumn } from "../sources/log-analytics/log-analytics-rows";

// Drift: a cell's PSI is recomputed from its summed counts (never averaged), so the counts are
// summed per feature, cell and bin. The reference share is frozen per bin: take_any reads it once.
const DRIFT_CELLS = `
ModelDrift_CL
| where ModelName == modelName and WindowStart >= windowStart and WindowStart < windowEnd
| summarize CurrentCount = sum(CurrentCount), ReferenceShare = take_any(ReferenceShare) by FeatureName, FeatureType, CellStart = bin(WindowStart, cellSize), Bin
| order by FeatureName asc, CellStart asc, Bin asc`;

/** Each feature's frozen bins (edges or categories), for the histograms' axis. */
const DRIFT_BINS = `
ModelDrift_CL
| where ModelName == modelName and WindowStart >= windowStart and WindowStart < windowEnd
| summarize arg_max(WindowStart, BinLower, BinUpper, Category, ReferenceShare, ReferenceWindow) by FeatureName, Bin
| project FeatureName, Bin, BinLower, BinUpper, Category, ReferenceShare, ReferenceWindow
| order by FeatureName asc, Bin asc`;

/** Every model's features over the trailing window, for the fleet view's "worst drift now". */
const FLEET_DRIFT = `
ModelDrift_CL
| where WindowStart >= windowStart and WindowStart < windowEnd
| summarize CurrentCount = sum(CurrentCount), ReferenceShare = take_any(ReferenceShare), LatestWindowEnd = max(WindowEnd) by ModelName, Endpoint, FeatureName, FeatureType, Bin`;

// Outcomes: a cohort is matured once every prediction in it has its label (the label arrives 48–72 h
// later), so lift and calibration only count predictions made before matureBefore.
const MATURED_OUTCOMES = `
ModelOutcomes_CL
| where TimeGenerated >= windowStart
| where ModelName == modelName and PredictionTime >= windowStart and PredictionTime < matureBefore`;

const LIFT_BY_DECILE = `${MATURED_OUTCOMES}
| summarize Predictions = count(), Positives = countif(Label) by ModelVersion, ScoreDecile
| order by ModelVersion asc, ScoreDecile asc`;

/** Every model's decile counts per version on its matured cohort, for the fleet view's top-decile lift. */
const FLEET_LIFT = `
ModelOutcomes_CL
| where TimeGenerated >= windowStart
| where PredictionTime >= windowStart and PredictionTime < matureBefore
| summarize Predictions = count(), Positives = countif(Label), LatestPrediction = max(PredictionTime) by ModelName, ModelVersion, ScoreDecile`;

/** Uniform score bins of width 0.1; Brier needs Σ(score − label)², summed in the engine. */
const CALIBRATION = `${MATURED_OUTCOMES}
| extend ScoreBin = toint(min_of(floor(Score * 10, 1), 9))
| summarize Predictions = count(), ScoreSum = sum(Score), Positives = countif(Label), SquaredErrorSum = sum(pow(Score - iff(Label, 1.0, 0.0), 2)) by ModelVersion, ScoreBin
| order by ModelVersion asc, ScoreBin asc`;

/** Top-decile lift per cell: the top decile's churn rate against the cell's overall rate. */
const TOP_DECILE_LIFT = `${MATURED_OUTCOMES}
| summarize Predictions = count(), Positives = countif(Label), TopPredictions = countif(ScoreDecile == 1), TopPositives = countif(ScoreDecile == 1 and Label) by ModelVersion, CellStart = bin(PredictionTime, cellSize)
| order by ModelVersion asc, CellStart asc`;

/** Every model's latest label delay and outcome volume, for "outcomes complete through …". */
const LABEL_MATURITY = `
ModelOutcomes_CL
| where TimeGenerated >= windowStart and TimeGenerated < windowEnd
| summarize MaxLabelDelayHours = max(LabelDelayHours), LatestLabel = max(TimeGenerated), Outcomes = count() by ModelName`;

/** Each feature table's latest probe. Consumers is a JSON array of model names: tostring keeps it one text. */
const FEATURE_FRESHNESS = `
FeatureFreshness_CL
| where TimeGenerated >= windowStart
| summarize arg_max(TimeGenerated, LagMinutes, LastRefreshTime, Consumers) by FeatureTable
| project FeatureTable, ProbedAt = TimeGenerated, LagMinutes, LastRefreshTime, ConsumersText = tostring(Consumers)`;

/** Each dead-letter queue's latest depth and oldest message. */
const DEAD_LETTER = `
DeadLetter_CL
| where TimeGenerated >= windowStart
| summarize arg_max(TimeGenerated, Depth, OldestMessageAgeMinutes, DeadLetteredLast5m) by Namespace, Queue
| project Namespace, Queue, SampledAt = TimeGenerated, Depth, OldestMessageAgeMinutes, DeadLetteredLast5m`;

// Counts may come back null where an aggregate saw no rows.
const count = logsColumn.long.nullable().transform((value) => value ?? 0);

export const driftCellRow = z.object({ FeatureName: logsColumn.string, FeatureType: logsColumn.string, CellStart: logsColumn.datetime, Bin: logsColumn.long, CurrentCount: count, ReferenceShare: logsColumn.real });
export const driftBinRow = z.object({
  FeatureName: logsColumn.string,
  Bin: logsColumn.long,
  BinLower: logsColumn.real,
  BinUpper: logsColumn.real,
  Category: logsColumn.string,
  ReferenceShare: logsColumn.real,
  ReferenceWindow: logsColumn.string,
});
export const fleetDriftRow = z.object({
  ModelName: logsColumn.string,
  Endpoint: logsColumn.string,
  FeatureName: logsColumn.string,
  FeatureType: logsColumn.string,
  Bin: logsColumn.long,
  CurrentCount: count,
  ReferenceShare: logsColumn.real,
  LatestWindowEnd: logsColumn.datetime,
});
export const liftByDecileRow = z.object({ ModelVersion: logsColumn.string, ScoreDecile: logsColumn.long, Predictions: count, Positives: count });
export const fleetLiftRow = liftByDecileRow.extend({ ModelName: logsColumn.string, LatestPrediction: logsColumn.datetime });
export const calibrationRow = z.object({ ModelVersion: logsColumn.string, ScoreBin: logsColumn.long, Predictions: count, ScoreSum: logsColumn.real, Positives: count, SquaredErrorSum: logsColumn.real });
export const topDecileLiftRow = z.object({ ModelVersion: logsColumn.string, CellStart: logsColumn.datetime, Predictions: count, Positives: count, TopPredictions: count, TopPositives: count });
export const labelMaturityRow = z.object({ ModelName: logsColumn.string, MaxLabelDelayHours: logsColumn.real, LatestLabel: logsColumn.datetime, Outcomes: count });
export const featureFreshnessRow = z.object({ FeatureTable: logsColumn.string, ProbedAt: logsColumn.datetime, LagMinutes: logsColumn.real, LastRefreshTime: logsColumn.datetime, ConsumersText: logsColumn.string });
export const deadLetterRow = z.object({ Namespace: logsColumn.string, Queue: logsColumn.string, SampledAt: logsColumn.datetime, Depth: count, OldestMessageAgeMinutes: logsColumn.real, DeadLetteredLast5m: count });

export interface ModelWindow {
  modelName: KqlLiteral;
  windowStart: KqlLiteral;
  windowEnd: KqlLiteral;
}

export const driftCellsQuery = (window: ModelWindow & { cellSize: KqlLiteral }) => withParameters(DRIFT_CELLS, { ...window });
export const driftBinsQuery = (window: ModelWindow) => withParameters(DRIFT_BINS, { ...window });
export const fleetDriftQuery = (window: Omit<ModelWindow, "modelName">) => withParameters(FLEET_DRIFT, { ...window });
export const liftByDecileQuery = (window: ModelWindow & { matureBefore: KqlLiteral }) => withParameters(LIFT_BY_DECILE, { ...window });
export const fleetLiftQuery = (window: Omit<ModelWindow, "modelName" | "windowEnd"> & { matureBefore: KqlLiteral }) => withParameters(FLEET_LIFT, { ...window });
export const calibrationQuery = (window: ModelWindow & { matureBefore: KqlLiteral }) => withParameters(CALIBRATION, { ...window });
export const topDecileLiftQuery = (window: ModelWindow & { matureBefore: KqlLiteral; cellSize: KqlLiteral }) => withParameters(TOP_DECILE_LIFT, { ...window });
export const labelMaturityQuery = (window: Omit<ModelWindow, "modelName">) => withParameters(LABEL_MATURITY, { ...window });
export const featureFreshnessQuery = (window: { windowStart: KqlLiteral }) => withParameters(FEATURE_FRESHNESS, { ...window });
export const deadLetterQuery = (window: { windowStart: KqlLiteral }) => withParameters(DEAD_LETTER, { ...window });

// The text as sent, with example parameters (churn_xgb over the last week, daily cells), for the KQL checks.
const DAY_MS = 86_400_000;
const EXAMPLE = { modelName: kqlStringLiteral("churn_xgb"), windowStart: kqlAgoLiteral(7 * DAY_MS), windowEnd: kqlAgoLiteral(0) };
const MATURE = { matureBefore: kqlAgoLiteral(3 * DAY_MS) };
const DAILY = { cellSize: kqlTimespanLiteral(DAY_MS) };

export const KQL_QUERIES: Record<string, string> = {
  driftCells: driftCellsQuery({ ...EXAMPLE, ...DAILY }),
  driftBins: driftBinsQuery(EXAMPLE),
  fleetDrift: fleetDriftQuery({ windowStart: kqlAgoLiteral(DAY_MS), windowEnd: kqlAgoLiteral(0) }),
  liftByDecile: liftByDecileQuery({ ...EXAMPLE, ...MATURE }),
  calibration: calibrationQuery({ ...EXAMPLE, ...MATURE }),
  fleetLift: fleetLiftQuery({ windowStart: kqlAgoLiteral(14 * DAY_MS), ...MATURE }),
  topDecileLift: topDecileLiftQuery({ ...EXAMPLE, ...MATURE, ...DAILY }),
  labelMaturity: labelMaturityQuery({ windowStart: kqlAgoLiteral(7 * DAY_MS), windowEnd: kqlAgoLiteral(0) }),
  featureFreshness: featureFreshnessQuery({ windowStart: kqlAgoLiteral(DAY_MS) }),
  deadLetter: deadLetterQuery({ windowStart: kqlAgoLiteral(DAY_MS) }),
};

/** Each query's row schema, by the same names: the KQL checks parse the emulator's rows with it. */
export const KQL_ROWS: Record<keyof typeof KQL_QUERIES, z.ZodType> = {
  driftCells: driftCellRow,
  driftBins: driftBinRow,
  fleetDrift: fleetDriftRow,
  liftByDecile: liftByDecileRow,
  calibration: calibrationRow,
  fleetLift: fleetLiftRow,
  topDecileLift: topDecileLiftRow,
  labelMaturity: labelMaturityRow,
  featureFreshness: featureFreshnessRow,
  deadLetter: deadLetterRow,
};
