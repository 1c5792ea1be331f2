// Keys of MLflow reads in the process's MLflow read cache: one key per entity, shared by every area
// that reads it (registry, experiments, promotions), so a write (an alias moved) forgets exactly
// what it changed. Everything about one model sits under that model's prefix.
import type { ReadCache } from "../read-cache";

const part = (value: string) => JSON.stringify(value);
const MODEL_LIST_PREFIX = "mlflow:model-list:";
const modelPrefix = (name: string) => `mlflow:model:${part(name)}`;

export const mlflowCacheKeys = {
  modelList: (filter: string | undefined, page: string | undefined, size: number) => `${MODEL_LIST_PREFIX}${JSON.stringify([filter ?? "", page ?? "", size])}`,
  model: (name: string) => modelPrefix(name),
  versions: (name: string) => `${modelPrefix(name)}:versions`,
  version: (name: string, version: string) => `${modelPrefix(name)}:version:${part(version)}`,
  promotionInputs: (name: string, version: string) => `${modelPrefix(name)}:promotion-inputs:${part(version)}`,
  run: (runId: string) => `mlflow:run:${part(runId)}`,
  experiment: (experimentId: string) => `mlflow:experiment:${part(experimentId)}`,
};

/** Forgets everything cached about a model (and every models list), e.g. after moving an alias. */
export function forgetModelReads(cache: ReadCache, name: string): void {
  cache.invalidate(MODEL_LIST_PREFIX);
  // The name is JSON-quoted, so churn's prefix never matches churn_xgb's keys.
  cache.invalidate(modelPrefix(name));
}
