// One client for any MLflow tracking server from 2.3 on: open source, Azure ML workspaces and
// Databricks differ only in base URL and in the Authorization header, which the caller supplies.
import type { z } from "zod";
import { backoffMs, isUpstreamError, UpstreamError } from "../upstream-error";
import { errorBodySchema, responses } from "./mlflow-schemas";

export const MLFLOW_UPSTREAM = "MLflow";

export class MlflowError extends UpstreamError {
  constructor(message: string, status: number | undefined, code: string, transient: boolean) {
    super(MLFLOW_UPSTREAM, message, status, code, transient);
    this.name = "MlflowError";
  }
}

/** MLflow's own error (by the `kind` and upstream fields: another bundle's MlflowError is another class). */
export function isMlflowError(error: unknown): error is MlflowError {
  return isUpstreamError(error, MLFLOW_UPSTREAM);
}

// What the official client assumes when a proxy answers without MLflow's error body.
const CODE_FOR_STATUS: Record<number, string> = { 400: "BAD_REQUEST", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "ENDPOINT_NOT_FOUND", 429: "REQUEST_LIMIT_EXCEEDED", 500: "INTERNAL_ERROR", 503: "TEMPORARILY_UNAVAILABLE" };

export interface MlflowClientOptions {
  /** The tracking URI, without /api/2.0. */
  baseUrl: string;
  /** The Authorization header value for each call, or undefined for none. */
  authorization: () => Promise<string | undefined>;
  /** The deadline of each call, its retries and its token included: a page waits for MLflow at most this long. */
  timeoutMs: number;
  /** Attempts per call when MLflow answers 429/5xx or does not answer, within timeoutMs (default 3). */
  maxAttempts?: number;
  fetch?: typeof fetch;
}

type Params = Record<string, string | number | boolean | string[] | undefined>;

export interface SearchPage {
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
}

export class MlflowClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: MlflowClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
  }

  searchRegisteredModels(page: SearchPage) {
    return this.call("GET", "/registered-models/search", searchParams(page), responses.searchRegisteredModels);
  }

  async getRegisteredModel(name: string) {
    return (await this.call("GET", "/registered-models/get", { name }, responses.getRegisteredModel)).registered_model;
  }

  searchModelVersions(page: SearchPage) {
    return this.call("GET", "/model-versions/search", searchParams(page), responses.searchModelVersions);
  }

  async getModelVersion(name: string, version: string) {
    return (await this.call("GET", "/model-versions/get", { name, version }, responses.getModelVersion)).model_version;
  }

  async getRun(runId: string) {
    return (await this.call("GET", "/runs/get", { run_id: runId }, responses.getRun)).run;
  }

  searchRuns(experimentIds: string[], page: SearchPage & { viewType?: "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL" }) {
    const body = { experiment_ids: experimentIds, run_view_type: page.viewType, ...searchParams(page) };
    return this.call("POST", "/runs/search", body, responses.searchRuns);
  }

  searchExperiments(page: SearchPage) {
    return this.call("POST", "/experiments/search", searchParams(page), responses.searchExperiments);
  }

  async getExperiment(experimentId: string) {
    return (await this.call("GET", "/experiments/get", { experiment_id: experimentId }, responses.getExperiment)).experiment;
  }

  /** Every point of one metric, following page tokens when the server pages. */
  async getMetricHistory(runId: string, metricKey: string) {
    const points = [];
    let pageToken: string | undefined;
    do {
      const page = await this.call("GET", "/metrics/get-history", { run_id: runId, metric_key: metricKey, page_token: pageToken }, responses.getMetricHistory);
      points.push(...page.metrics);
      pageToken = page.next_page_token;
    } while (pageToken);
    return points;
  }

  /** Moves (or sets) an alias; repeating it is harmless. */
  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.call("POST", "/registered-models/alias", { name, alias, version }, responses.empty);
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    await this.call("POST", "/model-versions/set-tag", { name, version, key, value }, responses.empty);
  }

  // The one place that talks HTTP: auth, deadline, retries honouring Retry-After, typed errors. One
  // deadline covers the token, every attempt and the waits between them (as the Azure SDK clients'
  // calls do): a call that hung is not tried again, and a Retry-After that ends past the deadline
  // fails the call now instead of holding a page.
  private async call<Schema extends z.ZodType>(method: "GET" | "POST", path: string, params: Params, schema: Schema): Promise<z.infer<Schema>> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    const endsAt = Date.now() + this.options.timeoutMs;
    for (let attempt = 1; ; attempt++) {
      let retryAfter: string | null = null;
      try {
        return await this.once(method, path, params, schema, deadline, (header) => (retryAfter = header));
      } catch (error) {
        if (!(error instanceof MlflowError) || !error.transient || attempt >= maxAttempts || deadline.aborted) throw error;
        const waitMs = backoffMs(attempt, retryAfter);
        if (Date.now() + waitMs >= endsAt) throw error;
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }

  private async once<Schema extends z.ZodType>(
    method: "GET" | "POST",
    path: string,
    params: Params,
    schema: Schema,
    deadline: AbortSignal,
    onRetryAfter: (header: string | null) => void,
  ): Promise<z.infer<Schema>> {
    const url = new URL(`${this.options.baseUrl}/api/2.0/mlflow${path}`);
    const headers: Record<string, string> = { accept: "application/json" };
    const authorization = await this.authorizationHeader(deadline);
    if (authorization) headers.authorization = authorization;
    let body: string | undefined;
    if (method === "GET") appendQuery(url, params);
    else {
      headers["content-type"] = "application/json";
      body = JSON.stringify(params);
    }
    let response: Response;
    try {
      response = await this.fetchImpl(url, { method, headers, body, signal: deadline, cache: "no-store" });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      const reason = timedOut ? `did not answer within ${this.options.timeoutMs} ms` : `could not be reached (${describeCause(error)})`;
      throw new MlflowError(`MLflow ${reason} for ${method} ${path}.`, undefined, timedOut ? "DEADLINE_EXCEEDED" : "UNREACHABLE", true);
    }
    const text = await response.text();
    if (!response.ok) {
      onRetryAfter(response.headers.get("retry-after"));
      throw errorFromResponse(response.status, text, method, path);
    }
    let json: unknown;
    try {
      json = text.trim() === "" ? {} : JSON.parse(text);
    } catch {
      throw new MlflowError(`MLflow answered ${method} ${path} with a body that is not JSON.`, response.status, "BAD_RESPONSE", false);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new MlflowError(`MLflow's answer to ${method} ${path} has an unexpected shape (${issue?.path.join(".")}: ${issue?.message}).`, response.status, "BAD_RESPONSE", false);
    }
    return parsed.data;
  }

  // Entra ID may hang too: the token counts against the call's deadline (a token request left running
  // is the credential's to end; this call stops waiting for it).
  private async authorizationHeader(deadline: AbortSignal): Promise<string | undefined> {
    let stop: (() => void) | undefined;
    const expired = new Promise<never>((_, reject) => {
      stop = () => reject(new Error(`no token within ${this.options.timeoutMs} ms`));
      if (deadline.aborted) stop();
      else deadline.addEventListener("abort", stop, { once: true });
    });
    try {
      return await Promise.race([this.options.authorization(), expired]);
    } catch (error) {
      throw new MlflowError(`Stagegate could not get a token for MLflow: ${describeCause(error)}.`, undefined, "TOKEN_UNAVAILABLE", true);
    } finally {
      deadline.removeEventListener("abort", stop!);
    }
  }
}

function searchParams(page: SearchPage): Params {
  return { filter: page.filter || undefined, order_by: page.orderBy, max_results: page.maxResults, page_token: page.pageToken };
}

/** GET fields go in the query string; repeated fields as repeated keys. */
function appendQuery(url: URL, params: Params): void {
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
  }
}

function errorFromResponse(status: number, text: string, method: string, path: string): MlflowError {
  let code = CODE_FOR_STATUS[status] ?? (status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST");
  let detail = "";
  try {
    const body = errorBodySchema.safeParse(JSON.parse(text));
    if (body.success) {
      code = body.data.error_code;
      detail = body.data.message;
    }
  } catch {
    // Not JSON: keep the code the status implies.
  }
  const transient = status === 429 || status >= 500;
  const message = `MLflow refused ${method} ${path} with ${status} ${code}${detail ? `: ${detail.slice(0, 300)}` : ""}.`;
  return new MlflowError(message, status, code, transient);
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
