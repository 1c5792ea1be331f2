// FeatureFreshness_CL: every 5 minutes a probe reads each feature table's latest commit. All tables
// refresh every few minutes except telco.features.billing_history, whose job stopped six hours
// before the anchor day began: its lag keeps growing, far past the 15-minute SLO.
import { TELEMETRY_TABLES } from "../../../lib/telemetry/contract";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../clock";
import { hash32 } from "../random";
import { periodicSampleTable, rowFor, type BucketedTable } from "./bucketed-table";
import type { TelemetryScenario } from "./telemetry-scenario";

interface FeatureTable {
  name: string;
  refreshEveryMinutes: number;
  consumers: string[];
  rowCount: number;
}

export const FEATURE_TABLES: FeatureTable[] = [
  { name: "telco.features.customer_profile", refreshEveryMinutes: 10, consumers: ["churn_xgb", "ltv_regressor"], rowCount: 4_200_000 },
  { name: "telco.features.usage_daily_agg", refreshEveryMinutes: 5, consumers: ["churn_xgb"], rowCount: 12_800_000 },
  { name: "telco.features.billing_history", refreshEveryMinutes: 10, consumers: ["churn_xgb", "ltv_regressor"], rowCount: 9_600_000 },
  { name: "telco.features.support_interactions", refreshEveryMinutes: 5, consumers: ["churn_xgb"], rowCount: 1_900_000 },
  { name: "payments.features.card_velocity", refreshEveryMinutes: 2, consumers: ["fraud_lgbm"], rowCount: 31_000_000 },
];

export const STALE_FEATURE_TABLE = "telco.features.billing_history";

/** When the stale table's refresh job stopped: six hours before the anchor day. */
export function staleSince(scenario: Pick<TelemetryScenario, "clock">): number {
  return scenario.clock.anchor.getTime() - 6 * HOUR_MS;
}

const PROBE_EVERY_MS = 5 * MINUTE_MS;
const PROBE_OFFSET_MS = 20_000;
/** A refresh commits 20-90 s after its scheduled start. */
const MAX_COMMIT_DELAY_MS = 90_000;

/** Commit time of the k-th scheduled refresh of a table. */
function commitTime(seed: string, table: FeatureTable, k: number): number {
  return k * table.refreshEveryMinutes * MINUTE_MS + 20_000 + (hash32(seed, table.name, k) % 70_000);
}

/** The latest refresh committed at or before a moment: its index and time. */
function lastRefresh(scenario: TelemetryScenario, table: FeatureTable, at: number): { index: number; time: number } {
  const cutoff = table.name === STALE_FEATURE_TABLE ? Math.min(at, staleSince(scenario)) : at;
  let index = Math.floor((cutoff - MAX_COMMIT_DELAY_MS) / (table.refreshEveryMinutes * MINUTE_MS)) + 1;
  while (commitTime(scenario.seed, table, index) > cutoff) index--;
  return { index, time: commitTime(scenario.seed, table, index) };
}

export function createFeatureFreshnessTable(scenario: TelemetryScenario): BucketedTable {
  const { columns } = TELEMETRY_TABLES.FeatureFreshness_CL;
  // Delta versions counted from 60 days before the anchor, so they stay readable.
  const versionBase = scenario.clock.anchor.getTime() - 60 * DAY_MS;
  return periodicSampleTable({
    columns,
    clock: scenario.clock,
    everyMs: PROBE_EVERY_MS,
    offsetMs: PROBE_OFFSET_MS,
    rowsAt: (probe) =>
      FEATURE_TABLES.map((table) => {
        const refresh = lastRefresh(scenario, table, probe);
        const version = refresh.index - Math.floor(versionBase / (table.refreshEveryMinutes * MINUTE_MS));
        return rowFor(columns, {
          TimeGenerated: probe,
          FeatureTable: table.name,
          Consumers: table.consumers,
          LastRefreshTime: refresh.time,
          LagMinutes: Math.round(((probe - refresh.time) / MINUTE_MS) * 100) / 100,
          TableVersion: version,
          RowCount: table.rowCount + ((version * 37) % 5000),
          Type: "FeatureFreshness_CL",
        });
      }),
  });
}
