import "server-only";
import { armReadCache, getAzureMlClient, type AzureMlClient } from "@/lib/sources/azure-ml";
import { getMlflowClient, mlflowReadCache, type MlflowClient } from "@/lib/sources/mlflow";
import type { ReadCache } from "@/lib/sources/read-cache";

/** The MLflow reads the registry pages make. */
export type MlflowReader = Pick<MlflowClient, "searchRegisteredModels" | "getRegisteredModel" | "searchModelVersions" | "getModelVersion" | "getRun" | "getExperiment">;

/** The ARM reads the version page makes. */
export type DeploymentReader = Pick<AzureMlClient, "listEndpointsWithDeployments" | "studioEndpointUrl">;

/** Where the registry verbs read from; tests pass fakes, pages the process's clients and caches. */
export interface RegistrySources {
  mlflow: () => MlflowReader;
  mlflowCache: ReadCache;
  /** Throws AzureMlNotConfiguredError when the workspace is not configured. */
  azureMl: () => DeploymentReader;
  armCache: ReadCache;
}

export function defaultRegistrySources(): RegistrySources {
  return { mlflow: getMlflowClient, mlflowCache: mlflowReadCache, azureMl: getAzureMlClient, armCache: armReadCache };
}
