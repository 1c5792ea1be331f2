// MLflow's entities read through the process's MLflow read cache, one key per entity (cache-keys.ts):
// the registry, experiments and promotions pages that show the same run or model share one cached
// copy and one age. And what MLflow's refusals mean to a page.
import { equalsClause } from "@/lib/domain/mlflow-filter";
import type { Cached } from "../read-cache";
import type { Upstream } from "../upstream";
import { mlflowCacheKeys, type RunViewType } from "./cache-keys";
import { isMlflowError, type MlflowClient, type MlflowError, type SearchPage } from "./mlflow-client";
import type { MlflowModelVersion } from "./mlflow-schemas";

/** The MLflow reads the registry and experiments pages make (tests fake these). */
export type MlflowReads = Pick<
  MlflowClient,
  "searchRegisteredModels" | "getRegisteredModel" | "searchModelVersions" | "getModelVersion" | "getRun" | "getExperiment" | "searchExperiments" | "searchRuns" | "getMetricHistory"
>;

type MlflowUpstream = Upstream<MlflowReads>;
type Result<Method extends keyof MlflowReads> = Awaited<ReturnType<MlflowReads[Method]>>;

const VERSIONS_PAGE_SIZE = 1000;

export function cachedRun(mlflow: MlflowUpstream, runId: string): Promise<Cached<Result<"getRun">>> {
  return mlflow.cache.read(mlflowCacheKeys.run(runId), () => mlflow.client().getRun(runId));
}

export function cachedExperiment(mlflow: MlflowUpstream, experimentId: string): Promise<Cached<Result<"getExperiment">>> {
  return mlflow.cache.read(mlflowCacheKeys.experiment(experimentId), () => mlflow.client().getExperiment(experimentId));
}

export function cachedMetricHistory(mlflow: MlflowUpstream, runId: string, metricKey: string): Promise<Cached<Result<"getMetricHistory">>> {
  return mlflow.cache.read(mlflowCacheKeys.metricHistory(runId, metricKey), () => mlflow.client().getMetricHistory(runId, metricKey));
}

export function cachedModel(mlflow: MlflowUpstream, name: string): Promise<Cached<Result<"getRegisteredModel">>> {
  return mlflow.cache.read(mlflowCacheKeys.model(name), () => mlflow.client().getRegisteredModel(name));
}

export function cachedModelVersion(mlflow: MlflowUpstream, name: string, version: string): Promise<Cached<Result<"getModelVersion">>> {
  return mlflow.cache.read(mlflowCacheKeys.version(name, version), () => mlflow.client().getModelVersion(name, version));
}

/** Every version of a model, newest first: one model-versions/search, following page tokens. */
export function cachedModelVersions(mlflow: MlflowUpstream, name: string): Promise<Cached<MlflowModelVersion[]>> {
  return mlflow.cache.read(mlflowCacheKeys.versions(name), async () => {
    const client = mlflow.client();
    const clause = equalsClause("name", name);
    const versions: MlflowModelVersion[] = [];
    let pageToken: string | undefined;
    do {
      const page = await client.searchModelVersions({ filter: clause.text, maxResults: VERSIONS_PAGE_SIZE, pageToken });
      // The clause may over-match a name it could not quote exactly: keep this model's versions only.
      versions.push(...page.model_versions.filter((version) => version.name === name));
      pageToken = page.next_page_token;
    } while (pageToken);
    return versions.sort((a, b) => Number(b.version) - Number(a.version));
  });
}

/** One page of registered models, by name. */
export function cachedModelList(mlflow: MlflowUpstream, filter: string | undefined, pageToken: string | undefined, size: number): Promise<Cached<Result<"searchRegisteredModels">>> {
  return mlflow.cache.read(mlflowCacheKeys.modelList(filter, pageToken, size), () =>
    mlflow.client().searchRegisteredModels({ filter, pageToken, maxResults: size, orderBy: ["name ASC"] }),
  );
}

export function cachedExperimentSearch(mlflow: MlflowUpstream, page: SearchPage): Promise<Cached<Result<"searchExperiments">>> {
  return mlflow.cache.read(mlflowCacheKeys.experimentSearch(page), () => mlflow.client().searchExperiments(page));
}

export function cachedRunSearch(mlflow: MlflowUpstream, experimentIds: string[], page: SearchPage & { viewType?: RunViewType }): Promise<Cached<Result<"searchRuns">>> {
  return mlflow.cache.read(mlflowCacheKeys.runSearch(experimentIds, page), () => mlflow.client().searchRuns(experimentIds, page));
}

/** MLflow refused the request itself (a bad filter, order or page token): the user can fix it, retrying cannot. */
export function isRejectedRequest(error: unknown): error is MlflowError {
  return isMlflowError(error) && (error.status === 400 || error.code === "INVALID_PARAMETER_VALUE");
}

/** The model, version, experiment or run does not exist (or its id is not one MLflow could look up). */
export function isMissing(error: unknown): error is MlflowError {
  return isMlflowError(error) && (error.status === 404 || error.code === "RESOURCE_DOES_NOT_EXIST" || error.code === "INVALID_PARAMETER_VALUE");
}
