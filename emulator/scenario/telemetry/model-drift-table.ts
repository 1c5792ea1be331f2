// ModelDrift_CL: hourly PSI of every input feature of the served models against their training
// reference. churn_xgb's monthly_charges starts drifting ten days before the scenario's anchor day
// (a tariff change): PSI passes 0.1 about two days later and 0.25 about six days later; every other
// feature stays below 0.1.
import { TELEMETRY_TABLES } from "../../../lib/telemetry/contract";
import type { Row } from "../../kql/ast";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../clock";
import { SeededRandom } from "../random";
import { BucketedTable, rowFor } from "./bucketed-table";
import { loadFactor } from "./load-curve";
import { primaryDeployment, type TelemetryScenario } from "./telemetry-scenario";

interface MonitoredModel {
  endpoint: string;
  modelName: string;
  reference: string;
  features: { name: string; type: "numeric" | "categorical" }[];
}

export const MONITORED_MODELS: MonitoredModel[] = [
  {
    endpoint: "churn-endpoint",
    modelName: "churn_xgb",
    reference: "telco.gold.churn_training@v12",
    features: [
      { name: "tenure_months", type: "numeric" },
      { name: "monthly_charges", type: "numeric" },
      { name: "contract_type", type: "categorical" },
      { name: "data_usage_gb", type: "numeric" },
      { name: "support_calls", type: "numeric" },
      { name: "payment_method", type: "categorical" },
    ],
  },
  {
    endpoint: "fraud-endpoint",
    modelName: "fraud_lgbm",
    reference: "payments.gold.fraud_training@v31",
    features: [
      { name: "txn_amount", type: "numeric" },
      { name: "merchant_category", type: "categorical" },
      { name: "card_age_days", type: "numeric" },
      { name: "txn_velocity_1h", type: "numeric" },
    ],
  },
];

export const DRIFTING_FEATURE = { modelName: "churn_xgb", featureName: "monthly_charges" } as const;

/** When the drifting feature starts to move: ten days before the anchor day. */
export function driftOnset(scenario: Pick<TelemetryScenario, "clock">): number {
  return scenario.clock.anchor.getTime() - 10 * DAY_MS;
}

/** The drift job runs a few minutes after each hourly window closes. */
const JOB_DELAY_MS = 7 * MINUTE_MS;
/** Share of scored payloads the drift job samples. */
const PAYLOAD_SAMPLE_RATE = 0.1;

function psi(scenario: TelemetryScenario, model: MonitoredModel, feature: string, windowEnd: number): number {
  const random = new SeededRandom(scenario.seed, "ModelDrift_CL", model.modelName, feature, windowEnd);
  const daysDrifting = (windowEnd - driftOnset(scenario)) / DAY_MS;
  const drifting = model.modelName === DRIFTING_FEATURE.modelName && feature === DRIFTING_FEATURE.featureName && daysDrifting > 0;
  const value = drifting ? 0.03 + 0.035 * daysDrifting * (1 + 0.04 * random.normal()) : Math.min(0.098, 0.03 * Math.exp(0.35 * random.normal()));
  return Math.round(value * 10_000) / 10_000;
}

export function createModelDriftTable(scenario: TelemetryScenario): BucketedTable {
  const { columns } = TELEMETRY_TABLES.ModelDrift_CL;
  return new BucketedTable({
    columns,
    clock: scenario.clock,
    bucketMs: DAY_MS,
    cacheSize: 40,
    generate(dayStart) {
      const rows: Row[] = [];
      for (let windowEnd = dayStart; windowEnd < dayStart + DAY_MS; windowEnd += HOUR_MS) {
        for (const model of MONITORED_MODELS) {
          const endpoint = scenario.fleet.get(model.endpoint);
          const version = primaryDeployment(scenario, model.endpoint, new Date(windowEnd - 1))?.modelVersion ?? "";
          const samples = Math.round((endpoint?.spec.peakRequestsPerMinute ?? 0) * 60 * loadFactor(windowEnd - HOUR_MS / 2) * PAYLOAD_SAMPLE_RATE);
          for (const feature of model.features) {
            const row = rowFor(columns, {
              TimeGenerated: windowEnd + JOB_DELAY_MS,
              ModelName: model.modelName,
              ModelVersion: version,
              Endpoint: model.endpoint,
              FeatureName: feature.name,
              FeatureType: feature.type,
              WindowStart: windowEnd - HOUR_MS,
              WindowEnd: windowEnd,
              ReferenceWindow: model.reference,
              Psi: psi(scenario, model, feature.name, windowEnd),
              SampleCount: samples,
              BinCount: 10,
              Type: "ModelDrift_CL",
            });
            rows.push(row);
          }
        }
      }
      return rows;
    },
  });
}
