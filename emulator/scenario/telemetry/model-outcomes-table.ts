// ModelOutcomes_CL: churn predictions joined with their label once it is known (two to three days
// later). Each hourly scoring batch is ranked into score deciles; the churn rate falls with the
// decile (top decile ≈ 3× the average for v6, more for v7), and retained revenue of treated
// customers is the business value. Scores are calibrated by design (a customer scored p churns with
// probability p), and about one in ten customers of the offered deciles is held out at random.
// A deployment on mirror traffic (shadow) scores copies of live requests in its own batch: its rows
// are Mirrored, never acted on (no offer, no holdout, no value), and count for lift and calibration.
import { TELEMETRY_TABLES } from "../../../lib/telemetry/contract";
import type { ColumnSchema, Row } from "../../kql/ast";
import { HOUR_MS } from "../clock";
import type { DeploymentSpec } from "../endpoint-fleet";
import { SeededRandom } from "../random";
import { BucketedTable, RECENT_HOURS_CACHED, rowFor } from "./bucketed-table";
import type { TelemetryScenario } from "./telemetry-scenario";

const OUTCOME_ENDPOINT = "churn-endpoint";
/** Predictions per hourly batch at 100 % traffic that get an outcome row. */
const BATCH_SIZE = 40;
const MIN_LABEL_DELAY_MS = 48 * HOUR_MS;
const MAX_LABEL_DELAY_MS = 72 * HOUR_MS;
/** Customers in the top three deciles get a retention offer… */
const TREATED_DECILES = 3;
/** …unless randomly held out, as the control group. */
const HOLDOUT_RATE = 0.1;

/** Churn rate by score decile (1 = highest scores), per model version. */
export const CHURN_RATE_BY_DECILE: Readonly<Record<string, readonly number[]>> = {
  "6": [0.48, 0.3, 0.22, 0.17, 0.13, 0.1, 0.08, 0.06, 0.05, 0.04],
  "7": [0.55, 0.32, 0.21, 0.15, 0.11, 0.09, 0.07, 0.05, 0.04, 0.03],
};
const DEFAULT_CHURN_RATES = CHURN_RATE_BY_DECILE["6"]!;

/**
 * Per decile, the interval its scores are drawn from, uniformly: centred on the decile's churn rate
 * (so the decile's rate stays that rate while each score is its own churn probability), and no wider
 * than the gaps to the neighbouring deciles' rates allow (so ranking the scores gives back the decile).
 */
export function scoreIntervals(rates: readonly number[]): { low: number; high: number }[] {
  return rates.map((rate, index) => {
    const below = rates[index + 1] ?? Math.max(0, 2 * rate - rates[index - 1]!);
    const above = rates[index - 1];
    const halfWidth = Math.min((rate - below) / 2, above === undefined ? Infinity : (above - rate) / 2);
    return { low: rate - halfWidth, high: rate + halfWidth };
  });
}

const SCORE_INTERVALS = Object.fromEntries(Object.entries(CHURN_RATE_BY_DECILE).map(([version, rates]) => [version, scoreIntervals(rates)]));
const DEFAULT_SCORE_INTERVALS = scoreIntervals(DEFAULT_CHURN_RATES);

interface ScoringBatch {
  deployment: DeploymentSpec;
  hourStart: number;
  size: number;
  mirrored: boolean;
  random: SeededRandom;
  /**
   * Where the batch's rows sit among its ranks, in [0, 1) of a row's share: each row stands for
   * 1/size of the hour's ranked predictions. A live batch starts at the top; a mirrored batch, as
   * small as 8 rows, starts at random so that over the hours every decile gets its share.
   */
  rankStart: number;
}

function scoringBatchRows(columns: readonly ColumnSchema[], batch: ScoringBatch): Row[] {
  const { deployment, hourStart, size, mirrored, random, rankStart } = batch;
  const intervals = SCORE_INTERVALS[deployment.modelVersion] ?? DEFAULT_SCORE_INTERVALS;
  const rows: Row[] = [];
  // The batch in rank order: the decile of each rank, a score from that decile's interval.
  for (let rank = 0; rank < size; rank++) {
    const decile = Math.floor(((rank + rankStart) * 10) / size) + 1;
    const { low, high } = intervals[decile - 1]!;
    const score = Math.round(random.between(low, high) * 10_000) / 10_000;
    const label = random.chance(score);
    const holdout = !mirrored && decile <= TREATED_DECILES && random.chance(HOLDOUT_RATE);
    const treated = !mirrored && decile <= TREATED_DECILES && !holdout;
    const predictionTime = hourStart + Math.floor(random.next() * HOUR_MS);
    const monthlyRevenue = Math.round((25 + 60 * random.next()) * 100) / 100;
    const delay = MIN_LABEL_DELAY_MS + Math.floor(random.next() * (MAX_LABEL_DELAY_MS - MIN_LABEL_DELAY_MS));
    rows.push(
      rowFor(columns, {
        TimeGenerated: predictionTime + delay,
        ModelName: deployment.modelName,
        ModelVersion: deployment.modelVersion,
        Endpoint: OUTCOME_ENDPOINT,
        Deployment: deployment.name,
        PredictionId: random.hex(32),
        PredictionTime: predictionTime,
        Score: score,
        ScoreDecile: decile,
        Label: label,
        Mirrored: mirrored,
        Treated: treated,
        Holdout: holdout,
        OutcomeValue: treated && !label ? monthlyRevenue : 0,
        LabelDelayHours: Math.round((delay / HOUR_MS) * 100) / 100,
        Type: "ModelOutcomes_CL",
      }),
    );
  }
  return rows;
}

export function createModelOutcomesTable(scenario: TelemetryScenario): BucketedTable {
  const { columns } = TELEMETRY_TABLES.ModelOutcomes_CL;
  const batchSize = (percent: number | undefined) => Math.round((BATCH_SIZE * (percent ?? 0)) / 100);
  return new BucketedTable({
    columns,
    clock: scenario.clock,
    bucketMs: HOUR_MS,
    lagMs: MAX_LABEL_DELAY_MS,
    cacheSize: RECENT_HOURS_CACHED,
    generate(hourStart) {
      const deployments = scenario.fleet.get(OUTCOME_ENDPOINT)?.spec.deployments ?? [];
      const { traffic = {}, mirrorTraffic = {} } = scenario.fleet.trafficAt(OUTCOME_ENDPOINT, new Date(hourStart + HOUR_MS / 2)) ?? {};
      const rows: Row[] = [];
      for (const deployment of deployments) {
        const size = batchSize(traffic[deployment.name]);
        if (size === 0) continue;
        const random = new SeededRandom(scenario.seed, "ModelOutcomes_CL", deployment.name, hourStart);
        rows.push(...scoringBatchRows(columns, { deployment, hourStart, size, mirrored: false, random, rankStart: 0 }));
      }
      // Mirrored batches draw from their own streams, so the live rows do not depend on them.
      for (const deployment of deployments) {
        const size = batchSize(mirrorTraffic[deployment.name]);
        if (size === 0) continue;
        const random = new SeededRandom(scenario.seed, "ModelOutcomes_CL", "mirrored", deployment.name, hourStart);
        rows.push(...scoringBatchRows(columns, { deployment, hourStart, size, mirrored: true, random, rankStart: random.next() }));
      }
      return rows;
    },
  });
}
