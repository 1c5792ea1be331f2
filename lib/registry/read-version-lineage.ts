import "server-only";
import { z } from "zod";
import { NotFoundError } from "@/lib/errors/not-found-error";
import type { RequestContext } from "@/lib/auth/request-context";
import { requirePermission } from "@/lib/auth/permissions";
import { summarizeRun, type RunSummary } from "@/lib/domain/run-summary";
import { compareWithChampion } from "@/lib/domain/version-comparison";
import { UpstreamError } from "@/lib/sources/upstream-error";
import { registryCacheKeys } from "./cache-keys";
import { readDeploymentsOfVersion } from "./deployments-of-version";
import { freshnessOf } from "./freshness";
import { isNotFound, readRunOf } from "./run-reads";
import { defaultRegistrySources, type MlflowReader, type RegistrySources } from "./registry-sources";
import type { ChampionView, VersionLineage } from "./registry-views";

const inputSchema = z.object({
  name: z.string().min(1).max(500),
  version: z.string().regex(/^\d{1,10}$/, "a model version is a number"),
});

const RUN_PROBLEMS = {
  "no-run": "MLflow records no source run for this version (it was registered from files, not from a run).",
  "not-read": "The source run was not read.",
} as const;

async function readChampion(sources: RegistrySources, client: MlflowReader, name: string, championVersion: string | null, version: string, run: RunSummary | null): Promise<ChampionView> {
  if (championVersion === null) return { state: "no-champion" };
  if (championVersion === version) return { state: "this-is-champion" };
  try {
    const champion = await sources.mlflowCache.read(registryCacheKeys.version(name, championVersion), () => client.getModelVersion(name, championVersion));
    const championRun = await readRunOf(sources, client, champion.value.run_id);
    if (!championRun.read) return { state: "unavailable", version: championVersion, message: championRun.message ?? RUN_PROBLEMS["no-run"] };
    if (!run) return { state: "unavailable", version: championVersion, message: "This version has no readable source run to compare." };
    const summary = summarizeRun(championRun.read.value);
    return { state: "compared", version: championVersion, runId: summary.runId, experimentId: summary.experimentId, comparison: compareWithChampion(run, summary) };
  } catch (error) {
    if (error instanceof UpstreamError) return { state: "unavailable", version: championVersion, message: error.message };
    throw error;
  }
}

/**
 * Where a model version came from and where it runs: datasets → training run → sweep → experiment
 * → version → aliases → Azure ML deployments; and how it compares with the champion. Only the
 * version itself is required: every other part degrades on its own when its upstream fails.
 */
export async function readVersionLineage(ctx: RequestContext, input: { name: string; version: string }, sources: RegistrySources = defaultRegistrySources()): Promise<VersionLineage> {
  requirePermission(ctx, "lineage:read");
  const { name, version } = inputSchema.parse(input);
  const client = sources.mlflow();
  let versionRead, modelRead;
  try {
    [versionRead, modelRead] = await Promise.all([
      sources.mlflowCache.read(registryCacheKeys.version(name, version), () => client.getModelVersion(name, version)),
      sources.mlflowCache.read(registryCacheKeys.model(name), () => client.getRegisteredModel(name)),
    ]);
  } catch (error) {
    if (isNotFound(error)) throw new NotFoundError(`MLflow has no version ${version} of a registered model named ${name}.`);
    throw error;
  }
  const modelVersion = versionRead.value;
  const modelAliases = [...modelRead.value.aliases].sort((a, b) => a.alias.localeCompare(b.alias));
  const runRead = await readRunOf(sources, client, modelVersion.run_id);
  const run = runRead.read ? summarizeRun(runRead.read.value) : null;

  const [parent, experiment, champion, deployments] = await Promise.all([
    run?.parentRunId ? readRunOf(sources, client, run.parentRunId) : null,
    run
      ? sources.mlflowCache.read(registryCacheKeys.experiment(run.experimentId), () => client.getExperiment(run.experimentId)).catch((error: unknown) => {
          if (error instanceof UpstreamError) return null;
          throw error;
        })
      : null,
    readChampion(sources, client, name, modelAliases.find((entry) => entry.alias === "champion")?.version ?? null, modelVersion.version, run),
    readDeploymentsOfVersion(sources, name, modelVersion.version),
  ]);
  const parentSummary = parent?.read ? summarizeRun(parent.read.value) : null;

  return {
    ...freshnessOf([versionRead, modelRead, runRead.read, parent?.read, experiment]),
    name,
    version: modelVersion.version,
    status: modelVersion.status,
    statusMessage: modelVersion.status_message ?? null,
    stage: modelVersion.current_stage && modelVersion.current_stage !== "None" ? modelVersion.current_stage : null,
    description: modelVersion.description?.trim() ? modelVersion.description : null,
    source: modelVersion.source ?? null,
    createdAt: modelVersion.creation_timestamp ?? null,
    lastUpdated: modelVersion.last_updated_timestamp ?? null,
    userId: modelVersion.user_id ?? null,
    tags: [...modelVersion.tags].sort((a, b) => a.key.localeCompare(b.key)),
    aliases: modelAliases.filter((entry) => entry.version === modelVersion.version).map((entry) => entry.alias),
    modelAliases,
    run,
    runProblem: run ? null : (runRead.message ?? RUN_PROBLEMS[runRead.state === "no-run" ? "no-run" : "not-read"]),
    parentRun: run?.parentRunId
      ? { runId: run.parentRunId, name: parentSummary?.name ?? run.parentRunId, experimentId: parentSummary?.experimentId ?? run.experimentId }
      : null,
    parentRunProblem: parent && !parent.read ? (parent.message ?? null) : null,
    experiment: run ? { id: run.experimentId, name: experiment?.value.name ?? `Experiment ${run.experimentId}` } : null,
    deployments,
    champion,
  };
}
