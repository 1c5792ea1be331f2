// The generated Log Analytics workspace: one table source per table of the telemetry contract, all
// lazily generated from the seed, plus the per-minute deployment statistics the metrics emulator
// serves. Caches are dropped when the control API resets the scenario.
import type { TelemetryTableName } from "../../../lib/telemetry/contract";
import type { EmulatorContext } from "../../context";
import type { TableSource } from "../../kql/eval/table-source";
import { createAppRequestsTable } from "./app-requests-table";
import { createDeadLetterTable } from "./dead-letter-table";
import { createFeatureFreshnessTable } from "./feature-freshness-table";
import { MinuteStats, type DeploymentMinuteStats } from "./minute-stats";
import { createModelDriftTable } from "./model-drift-table";
import { createModelOutcomesTable } from "./model-outcomes-table";
import { RequestLog } from "./request-log";

export type { DeploymentMinuteStats };

export interface Telemetry {
  /** Table sources for the KQL engine, by table name. */
  sources: Record<TelemetryTableName, TableSource>;
  /** Requests, errors and latency of a deployment in the minute containing minuteStart (cheap, cached). */
  deploymentMinuteStats(endpoint: string, deployment: string, minuteStart: Date): DeploymentMinuteStats;
  clearCaches(): void;
}

export function createTelemetry(context: Pick<EmulatorContext, "options" | "clock" | "fleet" | "identity" | "onReset">): Telemetry {
  const scenario = { seed: context.options.seed, clock: context.clock, fleet: context.fleet, identity: context.identity };
  const log = new RequestLog(scenario.seed, scenario.clock, scenario.fleet);
  const stats = new MinuteStats(log, scenario.clock);
  const tables = {
    AppRequests: createAppRequestsTable(scenario, log),
    ModelDrift_CL: createModelDriftTable(scenario),
    ModelOutcomes_CL: createModelOutcomesTable(scenario),
    FeatureFreshness_CL: createFeatureFreshnessTable(scenario),
    DeadLetter_CL: createDeadLetterTable(scenario),
  };
  const clearCaches = () => {
    log.clearCache();
    stats.clearCache();
    for (const table of Object.values(tables)) table.clearCache();
  };
  context.onReset.push(clearCaches);
  return {
    sources: tables,
    deploymentMinuteStats: (endpoint, deployment, minuteStart) => stats.of(endpoint, deployment, minuteStart),
    clearCaches,
  };
}
