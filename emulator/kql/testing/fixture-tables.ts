// A fixed little workspace for KQL tests: requests of two models, and a lookup of owners.
import type { Row, Value } from "../ast";
import type { QueryResult } from "../eval/execute";
import type { TimeRange } from "../eval/table-source";
import { runKql } from "../run-kql";
import { memoryTable } from "./memory-table";

export const FIXTURE_NOW = Date.parse("2026-11-20T12:00:00Z");
const minutesAgo = (minutes: number) => FIXTURE_NOW - minutes * 60_000;

export interface FixtureRequest {
  time: number;
  name: string;
  success: boolean;
  resultCode: string;
  durationMs: number;
  itemCount: number;
  properties: { model_name: string; deployment: string; cost_tokens?: number } | null;
}

export const FIXTURE_REQUESTS: FixtureRequest[] = [
  { time: minutesAgo(1), name: "POST /score", success: true, resultCode: "200", durationMs: 40, itemCount: 5, properties: { model_name: "churn_xgb", deployment: "blue", cost_tokens: 2 } },
  { time: minutesAgo(3), name: "POST /score", success: true, resultCode: "200", durationMs: 55.5, itemCount: 5, properties: { model_name: "churn_xgb", deployment: "green", cost_tokens: 3 } },
  { time: minutesAgo(7), name: "POST /score", success: false, resultCode: "500", durationMs: 120, itemCount: 4, properties: { model_name: "churn_xgb", deployment: "green", cost_tokens: 1 } },
  { time: minutesAgo(12), name: "GET /health", success: true, resultCode: "200", durationMs: 2, itemCount: 2, properties: null },
  { time: minutesAgo(20), name: "POST /score", success: true, resultCode: "200", durationMs: 70, itemCount: 6, properties: { model_name: "fraud_lgbm", deployment: "main", cost_tokens: 4 } },
  { time: minutesAgo(33), name: "POST /Score", success: false, resultCode: "503", durationMs: 300, itemCount: 3, properties: { model_name: "fraud_lgbm", deployment: "main" } },
  { time: minutesAgo(61), name: "POST /score", success: true, resultCode: "200", durationMs: 35, itemCount: 5, properties: { model_name: "churn_xgb", deployment: "blue", cost_tokens: 2 } },
  { time: minutesAgo(95), name: "POST /score", success: true, resultCode: "200", durationMs: 90, itemCount: 7, properties: { model_name: "churn_xgb", deployment: "blue", cost_tokens: 5 } },
  { time: minutesAgo(125), name: "POST /scoreBatch", success: true, resultCode: "200", durationMs: 480, itemCount: 2, properties: { model_name: "churn_xgb", deployment: "blue", cost_tokens: 9 } },
  { time: minutesAgo(60 * 25), name: "POST /score", success: true, resultCode: "200", durationMs: 65, itemCount: 8, properties: { model_name: "fraud_lgbm", deployment: "main", cost_tokens: 3 } },
];

const requestRow = (request: FixtureRequest): Row => [
  request.time,
  request.name,
  request.success,
  request.resultCode,
  request.durationMs,
  request.itemCount,
  request.properties,
];

export const REQUESTS_TABLE = memoryTable(
  [
    { name: "TimeGenerated", type: "datetime" },
    { name: "Name", type: "string" },
    { name: "Success", type: "bool" },
    { name: "ResultCode", type: "string" },
    { name: "DurationMs", type: "real" },
    { name: "ItemCount", type: "int" },
    { name: "Properties", type: "dynamic" },
  ],
  FIXTURE_REQUESTS.map(requestRow),
);

export const OWNERS_TABLE = memoryTable(
  [
    { name: "Model", type: "string" },
    { name: "Team", type: "string" },
  ],
  [
    ["churn_xgb", "retention"],
    ["fraud_lgbm", "payments"],
    ["ltv_regressor", "marketing"],
    ["churn_xgb", "retention-oncall"],
  ],
);

export const FIXTURE_SOURCES = { Requests: REQUESTS_TABLE, Owners: OWNERS_TABLE };
export const FIXTURE_DECLARATIONS = { Requests: REQUESTS_TABLE.declaration, Owners: OWNERS_TABLE.declaration };

/** Runs a query over the fixture tables at FIXTURE_NOW. */
export function runFixture(query: string, timespan?: TimeRange): QueryResult {
  return runKql(query, { sources: FIXTURE_SOURCES, tables: FIXTURE_DECLARATIONS, nowMs: FIXTURE_NOW, timespan });
}

/** Result rows as objects keyed by column name, for readable assertions. */
export function records(result: QueryResult): Record<string, Value>[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, index) => [column.name, row[index] ?? null])));
}
