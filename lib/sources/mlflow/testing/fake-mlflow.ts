// One MLflow in memory for the registry and experiments tests and the role matrix, shaped as MLflow
// sends it (parsed by the client's own schemas):
// - the registry: churn_xgb v5–v7 (champion v6), their runs r5–r7 (r7 a trial of sweep1) in
//   experiment 3;
// - tracking: experiment 1 with runs r1 and r2, each logging val_auc at three steps.
// Pass it as `testServices({ mlflow: fakeMlflow() })`; `calls` lists every MLflow call in order.
import { MlflowError } from "../mlflow-client";
import { experimentSchema, metricSchema, modelVersionSchema, registeredModelSchema, runSchema, type MlflowModelVersion, type MlflowRun } from "../mlflow-schemas";
import type { MlflowReads } from "../cached-reads";

export const FAKE_COMMIT = "3ec183b7458609e07105e1bf14b08ec67123998c";

export const missing = (what = "The resource") =>
  new MlflowError(`MLflow refused GET with 404 RESOURCE_DOES_NOT_EXIST: ${what} not found.`, 404, "RESOURCE_DOES_NOT_EXIST", false);
export const rejected = (message: string) => new MlflowError(`MLflow refused POST /runs/search with 400 INVALID_PARAMETER_VALUE: ${message}.`, 400, "INVALID_PARAMETER_VALUE", false);
export const unreachable = () => new MlflowError("MLflow could not be reached (ECONNREFUSED) for GET /experiments/get.", undefined, "UNREACHABLE", true);

export const SAMPLE_EXPERIMENT = experimentSchema.parse({
  experiment_id: "1",
  name: "/Shared/churn/xgb-training",
  creation_time: 1_700_000_000_000,
  last_update_time: 1_700_100_000_000,
  tags: [
    { key: "team", value: "retention" },
    { key: "mlflow.note.content", value: "Production **training**." },
    { key: "owner", value: "ana@example.com" },
  ],
});

const REGISTRY_EXPERIMENT = experimentSchema.parse({ experiment_id: "3", name: "/Shared/churn/xgb-training", tags: [] });

export interface FakeRunOptions {
  auc?: number;
  /** max_depth; ignored when `params` is given. */
  depth?: string;
  params?: Record<string, string>;
  parent?: string;
  name?: string;
  experimentId?: string;
}

/** A finished run: auc at step 0 when given, val_auc at step 2 (a curve), a git commit and a Delta dataset. */
export function fakeRun(runId: string, options: FakeRunOptions = {}): MlflowRun {
  const params = options.params ?? { max_depth: options.depth ?? "6", objective: "binary" };
  return runSchema.parse({
    info: { run_id: runId, run_name: options.name ?? `run-${runId}`, experiment_id: options.experimentId ?? "1", status: "FINISHED", start_time: 1_700_000_000_000, end_time: 1_700_000_600_000 },
    data: {
      metrics: [
        ...(options.auc === undefined ? [] : [{ key: "auc", value: options.auc, timestamp: 1, step: 0 }]),
        { key: "val_auc", value: 0.8, timestamp: 3, step: 2 },
      ],
      params: Object.entries(params).map(([key, value]) => ({ key, value })),
      tags: [
        { key: "mlflow.user", value: "ana@example.com" },
        { key: "mlflow.source.git.commit", value: FAKE_COMMIT },
        { key: "mlflow.source.git.repoURL", value: "https://github.com/telco-ml/churn-models" },
        ...(options.parent ? [{ key: "mlflow.parentRunId", value: options.parent }] : []),
      ],
    },
    inputs: {
      dataset_inputs: [
        {
          tags: [{ key: "mlflow.data.context", value: "training" }],
          dataset: { name: "churn_features", digest: "ee423d8c", source_type: "delta_table", source: '{"path": "abfss://lake/gold/churn_features", "delta_table_version": 360}' },
        },
      ],
    },
  });
}

function version(number: string, runId: string): MlflowModelVersion {
  return modelVersionSchema.parse({ name: "churn_xgb", version: number, creation_timestamp: 1_700_000_000_000 + Number(number), run_id: runId, status: "READY", source: `runs:/${runId}/model`, tags: [] });
}

export const FAKE_MODEL = registeredModelSchema.parse({
  name: "churn_xgb",
  description: "## Churn\n\n<script>alert(1)</script>",
  user_id: "ana@contoso.com",
  last_updated_timestamp: 1_700_000_000_000,
  latest_versions: [version("7", "r7")],
  tags: [{ key: "team", value: "retention" }],
  aliases: [{ alias: "champion", version: "6" }],
});

const MODELS = [FAKE_MODEL, { ...FAKE_MODEL, name: "fraud_lgbm", aliases: [], tags: [] }, { ...FAKE_MODEL, name: "ltv", aliases: [{ alias: "challenger", version: "4" }] }];
// As MLflow 2.10 answers model-versions/search: no aliases on the versions (mlflow#16734); the
// registered model carries them.
const VERSIONS = [version("5", "r5"), version("6", "r6"), version("7", "r7")];
const EXPERIMENTS = [SAMPLE_EXPERIMENT, REGISTRY_EXPERIMENT];

/** The runs the fake holds unless a test gives its own. */
export const FAKE_RUNS: MlflowRun[] = [
  fakeRun("r1", { auc: 0.8 }),
  fakeRun("r2", { auc: 0.9, depth: "8" }),
  fakeRun("r5", { experimentId: "3", auc: 0.853, params: { max_depth: "6" } }),
  fakeRun("r6", { experimentId: "3", auc: 0.861, params: { max_depth: "6", eta: "0.1" } }),
  fakeRun("r7", { experimentId: "3", auc: 0.874, params: { max_depth: "8", eta: "0.1" }, parent: "sweep1" }),
  fakeRun("sweep1", { experimentId: "3", auc: 0.874, params: {} }),
];

export type FakeMlflow = MlflowReads & { calls: string[] };

/** The fake MLflow; `overrides` replace single methods (to fail or spy on them). */
export function fakeMlflow(overrides: Partial<MlflowReads> = {}, options: { runs?: MlflowRun[] } = {}): FakeMlflow {
  const runs = options.runs ?? FAKE_RUNS;
  const methods: MlflowReads = {
    searchRegisteredModels: async (page) => {
      const offset = page.pageToken ? Number(page.pageToken) : 0;
      const size = page.maxResults ?? 100;
      return { registered_models: MODELS.slice(offset, offset + size), next_page_token: offset + size < MODELS.length ? String(offset + size) : undefined };
    },
    getRegisteredModel: async (name) => {
      if (name !== FAKE_MODEL.name) throw missing(`Registered Model with name=${name}`);
      return FAKE_MODEL;
    },
    searchModelVersions: async (page) => ({ model_versions: page.filter === "name = 'churn_xgb'" ? VERSIONS : [], next_page_token: undefined }),
    getModelVersion: async (name, number) => {
      const found = VERSIONS.find((candidate) => candidate.name === name && candidate.version === number);
      if (!found) throw missing(`Model Version (name=${name}, version=${number})`);
      return found;
    },
    getRun: async (runId) => {
      const found = runs.find((candidate) => candidate.info.run_id === runId);
      if (!found) throw missing(`Run '${runId}'`);
      return found;
    },
    getExperiment: async (experimentId) => {
      const found = EXPERIMENTS.find((candidate) => candidate.experiment_id === experimentId);
      if (!found) throw missing(`Experiment '${experimentId}'`);
      return found;
    },
    searchExperiments: async () => ({ experiments: [SAMPLE_EXPERIMENT], next_page_token: undefined }),
    searchRuns: async (experimentIds, page) => {
      const parent = /parentRunId = '([^']+)'/.exec(page.filter ?? "")?.[1];
      const inExperiments = runs.filter((run) => experimentIds.includes(run.info.experiment_id));
      return { runs: parent ? inExperiments.filter((run) => run.data.tags.some((tag) => tag.key === "mlflow.parentRunId" && tag.value === parent)) : inExperiments, next_page_token: undefined };
    },
    getMetricHistory: async (_runId, key) =>
      key === "val_auc" ? [0.5, 0.7, 0.8].map((value, step) => metricSchema.parse({ key, value, timestamp: step, step })) : [metricSchema.parse({ key, value: 0.9, timestamp: 0, step: 0 })],
    ...overrides,
  };
  const calls: string[] = [];
  const recorded = Object.fromEntries(
    Object.entries(methods).map(([name, method]) => [name, (...args: unknown[]) => (calls.push(name), (method as (...args: unknown[]) => unknown)(...args))]),
  ) as unknown as MlflowReads;
  return Object.assign(recorded, { calls });
}
