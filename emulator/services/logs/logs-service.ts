// The Log Analytics query API (api.loganalytics.io/v1): POST or GET /workspaces/{id}/query and the
// $batch form, evaluating the KQL subset over the generated telemetry tables. Bearer tokens must be
// issued for the Log Analytics audience; the workspace id must be the scenario's.
import { createHash } from "node:crypto";
import type { EmulatorContext } from "../../context";
import { json, Router, type EmuRequest, type EmuResponse } from "../../http/router";
import type { ServiceDefinition } from "../../http/service-host";
import type { TableSource, TimeRange } from "../../kql/eval/table-source";
import { KqlError } from "../../kql/errors";
import { runKql } from "../../kql/run-kql";
import { LOGS_ERRORS, logsError } from "./logs-errors";
import { queryResponseBody } from "./query-response";
import { parseTimespan } from "./timespan";

export const LOG_ANALYTICS_AUDIENCES = ["https://api.loganalytics.io", "https://api.loganalytics.io/"] as const;

export interface LogsTelemetry {
  sources: Readonly<Record<string, TableSource>>;
}

interface QueryRequest {
  query?: unknown;
  timespan?: unknown;
  workspaces?: unknown;
}

/** Checks the bearer token: 401 when it is missing, 403 when it is refused (wire-formats §2.3). */
async function authenticate(context: EmulatorContext, request: EmuRequest): Promise<EmuResponse | undefined> {
  const header = request.headers.authorization ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) return logsError(401, "AuthenticationFailed", "Authentication failed. The request has no 'Authorization: Bearer <token>' header.");
  try {
    await context.tokens.verifyAccessToken(token, LOG_ANALYTICS_AUDIENCES);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return logsError(403, "InvalidAuthenticationToken", `The access token is not valid for Log Analytics: ${reason}.`);
  }
}

function workspaceNotFound(workspaceId: string): EmuResponse {
  return logsError(404, "PathNotFoundError", `The requested path does not exist: workspace '${workspaceId}' was not found.`, {
    code: "WorkspaceNotFoundError",
    message: `Workspace '${workspaceId}' does not exist or the caller has no access to it.`,
  });
}

function badArgument(code: string, message: string): EmuResponse {
  return logsError(400, "BadArgumentError", `The request had some invalid properties: ${message}`, { code, message });
}

/** Runs one query against the workspace; the response as the query endpoint sends it. */
function runQuery(context: EmulatorContext, telemetry: LogsTelemetry, workspaceId: string, body: QueryRequest, prefer: string): EmuResponse {
  const known = context.identity.logAnalyticsWorkspaceId.toLowerCase();
  if (workspaceId.toLowerCase() !== known) return workspaceNotFound(workspaceId);
  const extra = Array.isArray(body.workspaces) ? body.workspaces : [];
  const foreign = extra.find((id) => typeof id !== "string" || id.toLowerCase() !== known);
  if (foreign !== undefined) return workspaceNotFound(String(foreign));
  if (typeof body.query !== "string" || body.query.trim() === "") return badArgument("QueryValidationError", "The 'query' property is required.");

  const nowMs = context.clock.now().getTime();
  let timespan: TimeRange | undefined;
  if (body.timespan !== undefined && body.timespan !== null) {
    timespan = typeof body.timespan === "string" ? parseTimespan(body.timespan, nowMs) : undefined;
    if (!timespan) return badArgument("InvalidTimespan", `The timespan '${String(body.timespan)}' is not an ISO-8601 duration or interval.`);
  }
  // Counted per distinct query and timespan, so a bench can tell a cache's one query per key and
  // window from the same query sent again.
  context.counters.increment("logs-queries", createHash("sha256").update(`${body.query}\n${String(body.timespan ?? "")}`).digest("hex").slice(0, 16));
  const started = performance.now();
  try {
    const result = runKql(body.query, { sources: telemetry.sources, nowMs, timespan });
    const response = queryResponseBody(result);
    if (!/include-statistics=true/i.test(prefer)) return json(200, response);
    const statistics = { query: { executionTime: (performance.now() - started) / 1000, datasetStatistics: [{ tableRowCount: result.rows.length }] } };
    return json(200, { ...response, statistics }, { "preference-applied": "include-statistics=true" });
  } catch (error) {
    if (error instanceof KqlError) return badArgument(error.code, error.message);
    throw error;
  }
}

function queryFromRequest(request: EmuRequest): QueryRequest | "empty" {
  if (request.method === "GET") return { query: request.query.get("query") ?? undefined, timespan: request.query.get("timespan") ?? undefined };
  // Log Analytics answers a POST without a body with 200 and an empty body.
  if (request.body.length === 0) return "empty";
  return JSON.parse(request.body.toString("utf8")) as QueryRequest;
}

interface BatchItem {
  id?: unknown;
  workspace?: unknown;
  body?: QueryRequest;
  headers?: Record<string, string>;
}

function runBatch(context: EmulatorContext, telemetry: LogsTelemetry, request: EmuRequest): EmuResponse {
  const items = (JSON.parse(request.body.toString("utf8") || "{}") as { requests?: unknown }).requests;
  if (!Array.isArray(items)) return badArgument("InvalidBatch", "The batch needs a 'requests' array.");
  const ids = new Set<string>();
  for (const item of items as BatchItem[]) {
    if (typeof item.id !== "string" || typeof item.workspace !== "string" || !item.body) return badArgument("InvalidBatch", "Every batch request needs id, workspace and body.");
    if (ids.has(item.id)) return badArgument("InvalidBatch", `The batch request id '${item.id}' is used twice.`);
    ids.add(item.id);
  }
  const responses = (items as Required<BatchItem>[]).map((item) => {
    const prefer = Object.entries(item.headers ?? {}).find(([name]) => name.toLowerCase() === "prefer")?.[1] ?? "";
    const answer = runQuery(context, telemetry, item.workspace as string, item.body, prefer);
    return { id: item.id, status: answer.status, headers: answer.headers ?? {}, body: answer.body };
  });
  return json(200, { responses });
}

export function createLogsService(context: EmulatorContext, telemetry: LogsTelemetry): ServiceDefinition {
  const withAuth = (handler: (request: EmuRequest) => EmuResponse) => async (request: EmuRequest) => (await authenticate(context, request)) ?? handler(request);
  const query = withAuth((request) => {
    const body = queryFromRequest(request);
    if (body === "empty") return { status: 200 };
    return runQuery(context, telemetry, request.params.workspaceId!, body, String(request.headers.prefer ?? ""));
  });
  const router = new Router({ caseInsensitive: true })
    .add("POST", "/v1/workspaces/:workspaceId/query", query)
    .add("GET", "/v1/workspaces/:workspaceId/query", query)
    .add("POST", "/v1/$batch", withAuth((request) => runBatch(context, telemetry, request)));
  return { name: "logs", upstream: "logs", router, errors: LOGS_ERRORS };
}
