// A tracking server in memory for the experiments verbs' tests and the role matrix: a few runs
// shaped as MLflow sends them, parsed by the client's own schemas.
import { MlflowError } from "@/lib/sources/mlflow/mlflow-client";
import { experimentSchema, metricSchema, runSchema, type MlflowRun } from "@/lib/sources/mlflow/mlflow-schemas";
import { ReadCache } from "@/lib/sources/read-cache";
import type { TrackingClient, TrackingReads } from "../tracking-reads";

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

export function sampleRun(runId: string, options: { auc?: number; depth?: string; parent?: string; name?: string; experimentId?: string } = {}): MlflowRun {
  const tags = [
    { key: "mlflow.user", value: "ana@example.com" },
    { key: "mlflow.source.git.commit", value: "3ec183b7458609e07105e1bf14b08ec67123998c" },
    { key: "mlflow.source.git.repoURL", value: "https://github.com/telco-ml/churn-models" },
    ...(options.parent ? [{ key: "mlflow.parentRunId", value: options.parent }] : []),
  ];
  return runSchema.parse({
    info: { run_id: runId, run_name: options.name ?? `run-${runId}`, experiment_id: options.experimentId ?? "1", status: "FINISHED", start_time: 1_700_000_000_000, end_time: 1_700_000_600_000 },
    data: {
      metrics: [
        ...(options.auc === undefined ? [] : [{ key: "auc", value: options.auc, timestamp: 1, step: 0 }]),
        { key: "val_auc", value: 0.8, timestamp: 3, step: 2 },
      ],
      params: [
        { key: "max_depth", value: options.depth ?? "6" },
        { key: "objective", value: "binary" },
      ],
      tags,
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

export const rejected = (message: string) => new MlflowError(`MLflow refused POST /runs/search with 400 INVALID_PARAMETER_VALUE: ${message}.`, 400, "INVALID_PARAMETER_VALUE", false);
export const missing = () => new MlflowError("MLflow refused GET /runs/get with 404 RESOURCE_DOES_NOT_EXIST.", 404, "RESOURCE_DOES_NOT_EXIST", false);
export const unreachable = () => new MlflowError("MLflow could not be reached (ECONNREFUSED) for GET /experiments/get.", undefined, "UNREACHABLE", true);

/** A client over the given runs; each method can be replaced per test. */
export function fakeTrackingClient(runs: MlflowRun[] = [sampleRun("r1", { auc: 0.8 }), sampleRun("r2", { auc: 0.9, depth: "8" })]): TrackingClient {
  return {
    searchExperiments: async () => ({ experiments: [SAMPLE_EXPERIMENT], next_page_token: undefined }),
    getExperiment: async (id) => {
      if (id !== SAMPLE_EXPERIMENT.experiment_id) throw missing();
      return SAMPLE_EXPERIMENT;
    },
    searchRuns: async (_ids, page) => {
      const parent = /parentRunId = '([^']+)'/.exec(page.filter ?? "")?.[1];
      return { runs: parent ? runs.filter((run) => run.data.tags.some((tag) => tag.value === parent)) : runs, next_page_token: undefined };
    },
    getRun: async (runId) => {
      const run = runs.find((candidate) => candidate.info.run_id === runId);
      if (!run) throw missing();
      return run;
    },
    getMetricHistory: async (_runId, key) =>
      key === "val_auc" ? [0.5, 0.7, 0.8].map((value, step) => metricSchema.parse({ key, value, timestamp: step, step })) : [metricSchema.parse({ key, value: 0.9, timestamp: 0, step: 0 })],
  };
}

export function fakeTrackingReads(client: Partial<TrackingClient> = {}, cache = new ReadCache({ freshMs: 60_000, maxEntries: 100 })): () => TrackingReads {
  const reads = { client: { ...fakeTrackingClient(), ...client }, cache };
  return () => reads;
}
