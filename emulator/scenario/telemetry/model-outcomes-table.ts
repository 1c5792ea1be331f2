// ModelOutcomes_CL: churn predictions joined with their label once it is known (two to three days
// later). Each hourly scoring batch is ranked into score deciles; the churn rate falls with the
// decile (top decile ≈ 3× the average for v6, more for v7), and retained revenue of treated
// customers is the business value.
import { TELEMETRY_TABLES } from "../../../lib/telemetry/contract";
import type { Row } from "../../kql/ast";
import { HOUR_MS } from "../clock";
import { SeededRandom } from "../random";
import { BucketedTable, RECENT_HOURS_CACHED, rowFor } from "./bucketed-table";
import type { TelemetryScenario } from "./telemetry-scenario";

const OUTCOME_ENDPOINT = "churn-endpoint";
/** Predictions per hourly batch at 100 % traffic that get an outcome row. */
const BATCH_SIZE = 40;
const MIN_LABEL_DELAY_MS = 48 * HOUR_MS;
const MAX_LABEL_DELAY_MS = 72 * HOUR_MS;
/** Customers in the top three deciles get a retention offer. */
const TREATED_DECILES = 3;

/** Churn rate by score decile (1 = highest scores), per model version. */
const CHURN_RATE_BY_DECILE: Record<string, number[]> = {
  "6": [0.48, 0.3, 0.22, 0.17, 0.13, 0.1, 0.08, 0.06, 0.05, 0.04],
  "7": [0.55, 0.32, 0.21, 0.15, 0.11, 0.09, 0.07, 0.05, 0.04, 0.03],
};
const DEFAULT_CHURN_RATES = CHURN_RATE_BY_DECILE["6"]!;

export function createModelOutcomesTable(scenario: TelemetryScenario): BucketedTable {
  const { columns } = TELEMETRY_TABLES.ModelOutcomes_CL;
  return new BucketedTable({
    columns,
    clock: scenario.clock,
    bucketMs: HOUR_MS,
    lagMs: MAX_LABEL_DELAY_MS,
    cacheSize: RECENT_HOURS_CACHED,
    generate(hourStart) {
      const spec = scenario.fleet.get(OUTCOME_ENDPOINT)?.spec;
      const traffic = scenario.fleet.trafficAt(OUTCOME_ENDPOINT, new Date(hourStart + HOUR_MS / 2))?.traffic ?? {};
      const rows: Row[] = [];
      for (const deployment of spec?.deployments ?? []) {
        const size = Math.round((BATCH_SIZE * (traffic[deployment.name] ?? 0)) / 100);
        if (size === 0) continue;
        const random = new SeededRandom(scenario.seed, "ModelOutcomes_CL", deployment.name, hourStart);
        const predictions = Array.from({ length: size }, () => ({
          time: hourStart + Math.floor(random.next() * HOUR_MS),
          score: 1 / (1 + Math.exp(-random.normal(-1.7, 1.3))),
          id: random.hex(32),
        }));
        const ranked = [...predictions].sort((a, b) => b.score - a.score);
        const rates = CHURN_RATE_BY_DECILE[deployment.modelVersion] ?? DEFAULT_CHURN_RATES;
        for (const prediction of predictions) {
          const decile = Math.floor((ranked.indexOf(prediction) * 10) / size) + 1;
          const label = random.chance(rates[decile - 1]!);
          const treated = decile <= TREATED_DECILES;
          const monthlyRevenue = Math.round((25 + 60 * random.next()) * 100) / 100;
          const delay = MIN_LABEL_DELAY_MS + Math.floor(random.next() * (MAX_LABEL_DELAY_MS - MIN_LABEL_DELAY_MS));
          rows.push(
            rowFor(columns, {
              TimeGenerated: prediction.time + delay,
              ModelName: deployment.modelName,
              ModelVersion: deployment.modelVersion,
              Endpoint: OUTCOME_ENDPOINT,
              Deployment: deployment.name,
              PredictionId: prediction.id,
              PredictionTime: prediction.time,
              Score: Math.round(prediction.score * 10_000) / 10_000,
              ScoreDecile: decile,
              Label: label,
              Treated: treated,
              OutcomeValue: treated && !label ? monthlyRevenue : 0,
              LabelDelayHours: Math.round((delay / HOUR_MS) * 100) / 100,
              Type: "ModelOutcomes_CL",
            }),
          );
        }
      }
      return rows;
    },
  });
}
