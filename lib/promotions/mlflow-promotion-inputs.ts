import "server-only";
import type { PromotionInputs, VersionInputs } from "@/lib/domain/promotion-evidence";
import { summarizeRun } from "@/lib/domain/run-summary";
import type { Services } from "@/lib/services/services";
import { mlflowCacheKeys } from "@/lib/sources/mlflow/cache-keys";
import type { MlflowClient } from "@/lib/sources/mlflow/mlflow-client";

export const CHAMPION_ALIAS = "champion";

type InputServices = Pick<Services, "mlflow" | "now">;

async function versionInputs(client: MlflowClient, model: string, version: string): Promise<VersionInputs> {
  const modelVersion = await client.getModelVersion(model, version);
  if (!modelVersion.run_id) return { version: modelVersion.version, runId: null, metrics: {}, datasets: [] };
  const run = summarizeRun(await client.getRun(modelVersion.run_id));
  return {
    version: modelVersion.version,
    runId: run.runId,
    metrics: run.metrics,
    datasets: run.datasets.map((dataset) => ({ name: dataset.name, digest: dataset.digest, source: dataset.location, deltaVersion: dataset.deltaVersion })),
  };
}

/**
 * Reads what the policy needs, fresh from MLflow (a request and a decision must see current
 * numbers): the candidate's source-run metrics and datasets, and the champion's.
 */
export async function readPromotionInputs(services: InputServices, model: string, version: string): Promise<PromotionInputs> {
  const client = services.mlflow.client();
  const registered = await client.getRegisteredModel(model);
  const championVersion = registered.aliases.find((entry) => entry.alias === CHAMPION_ALIAS)?.version ?? null;
  const [candidate, champion] = await Promise.all([
    versionInputs(client, model, version),
    championVersion ? versionInputs(client, model, championVersion) : Promise.resolve(null),
  ]);
  return { model, candidate, champion, readAt: services.now().toISOString() };
}

/**
 * The same numbers for pages that only display the policy's results: through the process's MLflow
 * cache, so they stay fast and survive an MLflow outage (saying why the numbers are older).
 */
export async function readCachedPromotionInputs(services: InputServices, model: string, version: string): Promise<PromotionInputs> {
  const cached = await services.mlflow.cache.read(mlflowCacheKeys.promotionInputs(model, version), () => readPromotionInputs(services, model, version));
  return cached.staleBecause ? { ...cached.value, fallbackReason: cached.staleBecause } : cached.value;
}
