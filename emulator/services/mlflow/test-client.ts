// For the MLflow service's tests: plain HTTPS fetch as a client sends it (query strings for GET,
// JSON bodies otherwise), plus the wire shapes the tests read.
import { createMlflowRegistry, type MlflowRegistry } from "../../scenario/registry/registry";
import type { RunningService } from "../../http/service-host";
import { startTestService, testContext } from "../../testing/test-context";
import type { EmulatorContext } from "../../context";
import { createMlflowService } from "./service";

export interface KeyValueWire {
  key: string;
  value: string;
}
export interface ErrorWire {
  error_code?: string;
  message?: string;
}
export interface ExperimentWire {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage: string;
  creation_time?: number;
  last_update_time?: number;
  tags?: KeyValueWire[];
}
export interface MetricWire {
  key: string;
  value: number | string;
  timestamp: number;
  step?: number;
}
export interface RunWire {
  info: { run_id: string; run_uuid?: string; run_name?: string; experiment_id: string; user_id?: string; status: string; start_time?: number; end_time?: number; artifact_uri?: string; lifecycle_stage: string };
  data: { metrics?: MetricWire[]; params?: KeyValueWire[]; tags?: KeyValueWire[] };
  inputs: { dataset_inputs?: { tags?: KeyValueWire[]; dataset: { name: string; digest: string; source_type: string; source: string; schema?: string; profile?: string } }[] };
}
export interface ModelVersionWire {
  name: string;
  version: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  user_id?: string;
  current_stage?: string;
  description?: string;
  source?: string;
  run_id?: string;
  status?: string;
  status_message?: string;
  tags?: KeyValueWire[];
  run_link?: string;
  aliases?: string[];
  model_id?: string;
}
export interface RegisteredModelWire {
  name: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  user_id?: string;
  description?: string;
  latest_versions?: ModelVersionWire[];
  tags?: KeyValueWire[];
  aliases?: { alias: string; version: string }[];
}

export interface WireResponse<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T & ErrorWire;
}

type QueryValue = string | number | readonly string[];

export class MlflowTestClient {
  constructor(
    private readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
    private readonly prefix = "/api/2.0/mlflow",
  ) {}

  withHeaders(headers: Record<string, string>): MlflowTestClient {
    return new MlflowTestClient(this.baseUrl, { ...this.headers, ...headers }, this.prefix);
  }

  private async call<T>(method: string, path: string, init: { query?: URLSearchParams; body?: string; headers?: Record<string, string> }): Promise<WireResponse<T>> {
    const query = init.query && [...init.query].length > 0 ? `?${init.query}` : "";
    const response = await fetch(`${this.baseUrl}${this.prefix}${path}${query}`, { method, body: init.body, headers: { ...this.headers, ...init.headers } });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: (text ? JSON.parse(text) : {}) as T & ErrorWire };
  }

  /** GET with fields in the query string; arrays become repeated keys. */
  get<T>(path: string, fields: Record<string, QueryValue> = {}): Promise<WireResponse<T>> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      for (const item of typeof value === "object" ? value : [value]) query.append(name, String(item));
    }
    return this.call<T>("GET", path, { query });
  }

  /** POST, PATCH or DELETE with a JSON body. */
  send<T>(method: "POST" | "PATCH" | "DELETE", path: string, body: unknown, contentType = "application/json"): Promise<WireResponse<T>> {
    return this.call<T>(method, path, { body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": contentType } });
  }
}

export interface MlflowTestServer {
  context: EmulatorContext;
  registry: MlflowRegistry;
  service: RunningService;
  client: MlflowTestClient;
}

/** A fresh context, registry and HTTPS service for one test file. */
export async function startMlflowTestServer(options: { seed?: string; scale?: "default" | "large" } = {}): Promise<MlflowTestServer> {
  const context = testContext({ seed: options.seed });
  const registry = createMlflowRegistry({ seed: context.options.seed, scale: options.scale ?? "default", clock: context.clock });
  const service = await startTestService(context, "mlflow", createMlflowService(context, registry));
  return { context, registry, service, client: new MlflowTestClient(service.url) };
}

export const tagValue = (tags: readonly KeyValueWire[] | undefined, key: string) => tags?.find((tag) => tag.key === key)?.value;
export const metricValue = (run: RunWire, key: string) => run.data.metrics?.find((metric) => metric.key === key)?.value;
