// One client for the Log Analytics query API, over the official SDK (@azure/monitor-query-logs):
// the SDK signs requests and retries 429/5xx honouring Retry-After; this class adds the time limit,
// typed errors naming the upstream, partial results treated as failures, and zod-parsed rows.
import { AsyncLocalStorage } from "node:async_hooks";
import type { TokenCredential } from "@azure/core-auth";
import type { HttpClient, PipelineRequest, PipelineResponse, SendRequest } from "@azure/core-rest-pipeline";
import { LogsQueryClient, LogsQueryResultStatus, type LogsQueryResult } from "@azure/monitor-query-logs";
import type { z } from "zod";
import { UpstreamError } from "../upstream-error";
import { parseRows } from "./log-analytics-rows";

export const LOG_ANALYTICS_UPSTREAM = "Log Analytics";

export class LogAnalyticsError extends UpstreamError {
  constructor(message: string, status: number | undefined, code: string, transient: boolean) {
    super(LOG_ANALYTICS_UPSTREAM, message, status, code, transient);
    this.name = "LogAnalyticsError";
  }
}

export interface LogAnalyticsClientOptions {
  /** The query API's base URL without /v1, e.g. https://api.loganalytics.io. */
  endpoint: string;
  /** The workspace GUID (customer id). */
  workspaceId: string;
  credential: TokenCredential;
  /** For the whole call, retries included. */
  timeoutMs: number;
  /** Retries after a 429, 5xx or dropped connection (default 2). */
  maxRetries?: number;
  /** Tests replace the transport. */
  httpClient?: HttpClient;
}

export interface LogsQuery<Schema extends z.ZodType> {
  /** Names the query in errors and logs (the KQL_QUERIES key). */
  name: string;
  text: string;
  /** The request's timespan: the service only sees rows with TimeGenerated inside it. */
  timespan: { from: Date; to: Date };
  /** One result row, by column name. */
  row: Schema;
}

interface LastResponse {
  status: number;
  body: unknown;
}

/** What one call hands to the pipeline policy below, and what the policy saw of the final response. */
interface CallScope {
  signal: AbortSignal;
  last?: LastResponse;
}

// queryWorkspace passes neither an abort signal nor a response callback on to the pipeline (its
// options conversion keeps only `requestOptions`), and it cannot read error bodies other than
// {"error":…} (a 204, a proxy's HTML). So a policy of our own, placed before the retry policy,
// applies each call's time limit to every attempt and keeps the final response's status and body.
const callScope = new AsyncLocalStorage<CallScope>();

const CALL_SCOPE_POLICY = {
  name: "stagegateLogAnalyticsCallScope",
  async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
    const scope = callScope.getStore();
    if (scope) request.abortSignal = request.abortSignal instanceof AbortSignal ? AbortSignal.any([request.abortSignal, scope.signal]) : scope.signal;
    const response = await next(request);
    if (scope) scope.last = { status: response.status, body: jsonOrText(response.bodyAsText) };
    return response;
  },
};

function jsonOrText(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export class LogAnalyticsClient {
  private readonly sdk: LogsQueryClient;

  constructor(private readonly options: LogAnalyticsClientOptions) {
    // The SDK's `endpoint` replaces the whole base, /v1 included.
    this.sdk = new LogsQueryClient(options.credential, {
      endpoint: `${options.endpoint.replace(/\/+$/, "")}/v1`,
      retryOptions: { maxRetries: options.maxRetries ?? 2, retryDelayInMs: 250, maxRetryDelayInMs: 4000 },
      httpClient: options.httpClient,
    });
    this.sdk.pipeline.addPolicy(CALL_SCOPE_POLICY);
  }

  /** Runs one query; its first table's rows parsed by `row`. */
  async query<Schema extends z.ZodType>(query: LogsQuery<Schema>): Promise<z.infer<Schema>[]> {
    const scope: CallScope = { signal: AbortSignal.timeout(this.options.timeoutMs) };
    // The policy aborts the HTTP calls, but a token request to an Entra ID that hangs does not
    // listen: the query stops waiting by itself at the deadline.
    const expired = new Promise<never>((_, reject) => scope.signal.addEventListener("abort", () => reject(scope.signal.reason as Error), { once: true }));
    let result: LogsQueryResult;
    try {
      result = await Promise.race([
        callScope.run(scope, () => this.sdk.queryWorkspace(this.options.workspaceId, query.text, { startTime: query.timespan.from, endTime: query.timespan.to })),
        expired,
      ]);
    } catch (error) {
      // A workspace without data answers 204, which the SDK cannot deserialize.
      if (scope.last?.status === 204) return [];
      throw this.failure(query.name, error, scope.last, scope.signal.aborted);
    }
    if (result.status === LogsQueryResultStatus.PartialFailure) {
      // Rows cut by a limit would make sums and percentiles silently wrong.
      const detail = result.partialError.details?.[0]?.message ?? result.partialError.message;
      throw new LogAnalyticsError(`Log Analytics returned an incomplete result for "${query.name}": ${detail}`, 200, "PartialError", false);
    }
    const table = result.tables.find((candidate) => candidate.name === "PrimaryResult") ?? result.tables[0];
    if (!table) return [];
    const parsed = parseRows(table, query.row);
    if ("problem" in parsed) {
      const { row, path, message } = parsed.problem;
      throw new LogAnalyticsError(`Log Analytics' answer to "${query.name}" has an unexpected shape (row ${row}, ${path}: ${message}).`, 200, "BAD_RESPONSE", false);
    }
    return parsed.rows;
  }

  private failure(name: string, error: unknown, last: LastResponse | undefined, timedOut: boolean): LogAnalyticsError {
    if (timedOut) {
      return new LogAnalyticsError(`Log Analytics did not answer "${name}" within ${this.options.timeoutMs} ms.`, undefined, "DEADLINE_EXCEEDED", true);
    }
    if (last && last.status >= 400) {
      const { code, detail } = errorBody(last.body);
      const transient = last.status === 429 || last.status >= 500;
      return new LogAnalyticsError(`Log Analytics refused "${name}" with ${last.status} ${code ?? "error"}${detail ? `: ${detail.slice(0, 300)}` : ""}.`, last.status, code ?? `HTTP_${last.status}`, transient);
    }
    const errorName = error instanceof Error ? error.name : "";
    if (errorName === "AuthenticationError" || errorName === "CredentialUnavailableError") {
      return new LogAnalyticsError(`Stagegate could not get a token for Log Analytics: ${describe(error)}.`, undefined, "TOKEN_UNAVAILABLE", true);
    }
    return new LogAnalyticsError(`Log Analytics could not be reached for "${name}" (${describe(error)}).`, undefined, "UNREACHABLE", true);
  }
}

/** {"error":{"code","message","innererror":{"code","message"}}}: the innermost message says most. */
function errorBody(body: unknown): { code?: string; detail?: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown; innererror?: { code?: unknown; message?: unknown } } } | undefined)?.error;
  if (!error || typeof error !== "object") return {};
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  const inner = error.innererror;
  const code = text(error.code);
  const innerCode = text(inner?.code);
  return { code: innerCode && code ? `${code}/${innerCode}` : code, detail: text(inner?.message) ?? text(error.message) };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { code?: unknown; cause?: { code?: string } }).cause?.code ?? (error as { code?: unknown }).code;
    return typeof cause === "string" && cause !== "" ? `${cause}: ${error.message.slice(0, 200)}` : error.message.slice(0, 200);
  }
  return String(error);
}
