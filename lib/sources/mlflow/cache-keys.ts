// Keys of MLflow reads in the process's MLflow read cache: one key per entity, shared by every area
// that reads it (registry, experiments, promotions), so a write (an alias moved) forgets exactly
// what it changed. Everything about one model sits under that model's prefix, everything about one
// run under that run's. Reads go through cached-reads.ts, which alone uses these keys for entities.
import type { ReadCache } from "../read-cache";
import type { SearchPage } from "./mlflow-client";

const part = (value: string) => JSON.stringify(value);
const MODEL_LIST_PREFIX = "mlflow:model-list:";
const modelPrefix = (name: string) => `mlflow:model:${part(name)}`;
const runPrefix = (runId: string) => `mlflow:run:${part(runId)}`;
/** A search's parameters as one key part; absent ones written alike, so equal searches share a key. */
const searchPart = (page: SearchPage) => JSON.stringify([page.filter ?? "", page.orderBy ?? [], page.maxResults ?? null, page.pageToken ?? ""]);

export type RunViewType = "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";

export const mlflowCacheKeys = {
  modelList: (filter: string | undefined, page: string | undefined, size: number) => `${MODEL_LIST_PREFIX}${JSON.stringify([filter ?? "", page ?? "", size])}`,
  model: (name: string) => modelPrefix(name),
  versions: (name: string) => `${modelPrefix(name)}:versions`,
  version: (name: string, version: string) => `${modelPrefix(name)}:version:${part(version)}`,
  run: (runId: string) => runPrefix(runId),
  /** Every point of one metric of a run. */
  metricHistory: (runId: string, metricKey: string) => `${runPrefix(runId)}:metric-history:${part(metricKey)}`,
  experiment: (experimentId: string) => `mlflow:experiment:${part(experimentId)}`,
  /** One page of experiments/search. */
  experimentSearch: (page: SearchPage) => `mlflow:experiment-search:${searchPart(page)}`,
  /** One page of runs/search (a runs table page, or a parent run's children). */
  runSearch: (experimentIds: readonly string[], page: SearchPage & { viewType?: RunViewType }) =>
    `mlflow:run-search:${JSON.stringify(experimentIds)}:${searchPart(page)}:${page.viewType ?? ""}`,
};

/** Forgets everything cached about a model (and every models list), e.g. after moving an alias. */
export function forgetModelReads(cache: ReadCache, name: string): void {
  cache.invalidate(MODEL_LIST_PREFIX);
  // The name is JSON-quoted, so churn's prefix never matches churn_xgb's keys.
  cache.invalidate(modelPrefix(name));
}
