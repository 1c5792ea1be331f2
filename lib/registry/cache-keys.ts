// Keys of the registry's entries in the MLflow read cache, in one place so that a write (an alias
// moved by a promotion) can forget exactly what it changed.
import type { ReadCache } from "@/lib/sources/read-cache";

const LIST_PREFIX = "registry:list:";
const part = (value: string) => JSON.stringify(value);

export const registryCacheKeys = {
  modelList: (filter: string | undefined, page: string | undefined, size: number) => `${LIST_PREFIX}${JSON.stringify([filter ?? "", page ?? "", size])}`,
  model: (name: string) => `registry:model:${part(name)}`,
  versions: (name: string) => `registry:versions:${part(name)}`,
  version: (name: string, version: string) => `registry:version:${part(name)}:${part(version)}`,
  run: (runId: string) => `registry:run:${part(runId)}`,
  experiment: (experimentId: string) => `registry:experiment:${part(experimentId)}`,
  deployments: () => "arm:endpoints-with-deployments",
};

/** Forgets everything cached about a model (and every models list), e.g. after moving an alias. */
export function forgetModel(cache: ReadCache, name: string): void {
  cache.invalidate(LIST_PREFIX);
  cache.invalidate(registryCacheKeys.model(name));
  cache.invalidate(registryCacheKeys.versions(name));
  cache.invalidate(`registry:version:${part(name)}:`);
}
