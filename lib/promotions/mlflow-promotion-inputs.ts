import "server-only";
import type { PromotionInputs, VersionInputs } from "@/lib/domain/promotion-evidence";
import { summarizeRun } from "@/lib/domain/run-summary";
import type { Services } from "@/lib/services/services";
import { startRead } from "@/lib/services/start-read";
import { cachedModel, cachedModelVersion, cachedModelVersions, cachedRun } from "@/lib/sources/mlflow/cached-reads";
import type { MlflowRun } from "@/lib/sources/mlflow/mlflow-schemas";
import type { Cached } from "@/lib/sources/read-cache";

export const CHAMPION_ALIAS = "champion";

type InputServices = Pick<Services, "mlflow" | "now">;

function versionInputs(version: string, sourceRun: MlflowRun | null): VersionInputs {
  if (!sourceRun) return { version, runId: null, metrics: {}, datasets: [] };
  const run = summarizeRun(sourceRun);
  return {
    version,
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
  const fresh = async (number: string) => {
    const modelVersion = await client.getModelVersion(model, number);
    return versionInputs(modelVersion.version, modelVersion.run_id ? await client.getRun(modelVersion.run_id) : null);
  };
  const registered = await client.getRegisteredModel(model);
  const championVersion = registered.aliases.find((entry) => entry.alias === CHAMPION_ALIAS)?.version ?? null;
  const [candidate, champion] = await Promise.all([fresh(version), championVersion ? fresh(championVersion) : Promise.resolve(null)]);
  return { model, candidate, champion, readAt: services.now().toISOString() };
}

/**
 * The same numbers for pages that only display the policy's results: through the process's MLflow
 * cache (the entity keys the registry pages read), so they stay fast and survive an MLflow outage
 * (saying why the numbers are older). A version's source run never changes, so the run ids a
 * request recorded (`recorded`, its snapshot) are read at once, beside the model's aliases: one
 * round trip while the champion has not moved. Without them, the model's versions are listed
 * beside its aliases, then both runs read: two.
 */
export async function readCachedPromotionInputs(services: InputServices, model: string, version: string, recorded?: PromotionInputs): Promise<PromotionInputs> {
  const reads: Cached<unknown>[] = [];
  const read = async <T>(reading: Promise<Cached<T>>): Promise<T> => {
    const cached = await reading;
    reads.push(cached);
    return cached.value;
  };
  const recordedRun = (number: string) => (recorded?.model === model ? [recorded.candidate, recorded.champion].find((entry) => entry?.version === number) : undefined);
  const versionList = recordedRun(version) ? null : startRead(read(cachedModelVersions(services.mlflow, model)));
  const inputsOf = async (number: string): Promise<VersionInputs> => {
    let runId = recordedRun(number)?.runId;
    if (runId === undefined) {
      // Listed beside the aliases when nothing was recorded; a version newer than the cached list (or
      // a champion that moved since the request) is read on its own.
      let modelVersion = (await versionList)?.find((entry) => entry.version === number);
      modelVersion ??= await read(cachedModelVersion(services.mlflow, model, number));
      runId = modelVersion.run_id || null;
    }
    return versionInputs(number, runId ? await read(cachedRun(services.mlflow, runId)) : null);
  };
  const candidate = startRead(inputsOf(version));
  // The recorded champion is read at once too: used while the alias still points to it.
  const recordedChampion = recorded?.model === model && recorded.champion ? { version: recorded.champion.version, inputs: startRead(inputsOf(recorded.champion.version)) } : null;
  const registered = await read(cachedModel(services.mlflow, model));
  const championVersion = registered.aliases.find((entry) => entry.alias === CHAMPION_ALIAS)?.version ?? null;
  const champion = championVersion === null ? null : championVersion === recordedChampion?.version ? recordedChampion.inputs : inputsOf(championVersion);
  const [candidateInputs, championInputs] = await Promise.all([candidate, champion]);
  const readAt = new Date(Math.min(...reads.map((entry) => entry.asOf.getTime())));
  const fallbackReason = reads.find((entry) => entry.staleBecause)?.staleBecause;
  return { model, candidate: candidateInputs, champion: championInputs, readAt: readAt.toISOString(), ...(fallbackReason ? { fallbackReason } : {}) };
}
