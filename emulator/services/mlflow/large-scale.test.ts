// EMULATOR_SCALE=large through the wire: exact totals by paging, and how long generation and a
// search take and how much memory the registry adds (printed, never asserted: the machine is shared).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMlflowRegistry } from "../../scenario/registry/registry";
import { LARGE_SCALE_TOTALS } from "../../scenario/registry/large-scale";
import type { RunningService } from "../../http/service-host";
import { startTestService, stopServices, testContext } from "../../testing/test-context";
import { createMlflowService } from "./service";
import { MlflowTestClient, type ModelVersionWire, type RegisteredModelWire, type RunWire } from "./test-client";

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function measured<T>(label: string, build: () => T): T {
  const before = process.memoryUsage();
  const started = performance.now();
  const built = build();
  const elapsed = performance.now() - started;
  const after = process.memoryUsage();
  console.info(`${label}: generated in ${elapsed.toFixed(0)} ms, RSS +${megabytes(after.rss - before.rss)}, heap +${megabytes(after.heapUsed - before.heapUsed)}`);
  return built;
}

async function timed<T>(label: string, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await call();
  console.info(`${label}: ${(performance.now() - started).toFixed(1)} ms`);
  return result;
}

/** Every item of a search, following next_page_token. */
async function pageThrough<T>(fetchPage: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await fetchPage(token);
    items.push(...page.items);
    token = page.next;
    pages += 1;
  } while (token);
  return { items, pages };
}

describe("large scale", () => {
  const context = testContext({ seed: "large-seed" });
  let service: RunningService;
  let client: MlflowTestClient;
  const registry = measured("default scale", () => createMlflowRegistry({ seed: "large-seed", scale: "default", clock: context.clock }));
  const large = measured("large scale", () => createMlflowRegistry({ seed: "large-seed", scale: "large", clock: context.clock }));
  beforeAll(async () => {
    service = await startTestService(context, "mlflow", createMlflowService(context, large));
    client = new MlflowTestClient(service.url);
  });
  afterAll(() => stopServices([service]));

  it("has exactly 2,000 models, 20,000 versions and 100,000 runs, the curated ones included unchanged", () => {
    expect(large.counts()).toEqual(LARGE_SCALE_TOTALS);
    expect(large.runsIn(large.experiments().map((experiment) => experiment.experimentId))).toHaveLength(LARGE_SCALE_TOTALS.runs);
    expect(large.experiments().slice(0, registry.counts().experiments)).toEqual(registry.experiments());
    expect(large.versionsOf("churn_xgb")).toEqual(registry.versionsOf("churn_xgb"));
    expect(large.registeredModel("churn_xgb")).toEqual(registry.registeredModel("churn_xgb"));
  });

  it("pages 2,000 registered models and 20,000 model versions over the wire", async () => {
    const models = await pageThrough(async (token) => {
      const page = await client.get<{ registered_models: RegisteredModelWire[]; next_page_token?: string }>("/registered-models/search", { max_results: 1000, ...(token ? { page_token: token } : {}) });
      return { items: page.body.registered_models, next: page.body.next_page_token };
    });
    expect(models.pages).toBe(2);
    expect(new Set(models.items.map((model) => model.name)).size).toBe(LARGE_SCALE_TOTALS.registeredModels);
    const versions = await pageThrough(async (token) => {
      const page = await client.get<{ model_versions: ModelVersionWire[]; next_page_token?: string }>("/model-versions/search", { max_results: 10_000, ...(token ? { page_token: token } : {}) });
      return { items: page.body.model_versions, next: page.body.next_page_token };
    });
    expect(versions.pages).toBe(2);
    expect(new Set(versions.items.map((version) => `${version.name}/${version.version}`)).size).toBe(LARGE_SCALE_TOTALS.modelVersions);
  });

  it("answers searches over the large estate quickly (timings printed)", async () => {
    const experimentIds = large.experiments().map((experiment) => experiment.experimentId);
    await client.get("/registered-models/search"); // warm-up: first request on a fresh connection
    const models = await timed("registered-models/search, first page of 100", () => client.get<{ registered_models: RegisteredModelWire[] }>("/registered-models/search"));
    expect(models.body.registered_models).toHaveLength(100);
    const filtered = await timed("registered-models/search name LIKE '%roaming%'", () => client.get<{ registered_models: RegisteredModelWire[] }>("/registered-models/search", { filter: "name LIKE '%roaming%'" }));
    expect(filtered.body.registered_models.every((model) => model.name.includes("roaming"))).toBe(true);
    const versions = await timed("model-versions/search name = 'churn_xgb'", () => client.get<{ model_versions: ModelVersionWire[] }>("/model-versions/search", { filter: "name = 'churn_xgb'" }));
    expect(versions.body.model_versions).toHaveLength(8);
    const runs = await timed("runs/search over all 200 experiments, metrics.auc > 0.89, 100 per page", () =>
      client.send<{ runs: RunWire[]; next_page_token?: string }>("POST", "/runs/search", { experiment_ids: experimentIds, filter: "metrics.auc > 0.89", max_results: 100 }),
    );
    expect(runs.body.runs).toHaveLength(100);
    expect(runs.body.next_page_token).toEqual(expect.any(String));
    const byRunId = await timed("runs/search attributes.run_id IN (2 ids) over all experiments", () =>
      client.send<{ runs: RunWire[] }>("POST", "/runs/search", { experiment_ids: experimentIds, filter: `attributes.run_id IN ('${runs.body.runs[0]!.info.run_id}', '${runs.body.runs[1]!.info.run_id}')` }),
    );
    expect(byRunId.body.runs).toHaveLength(2);
  });
});
