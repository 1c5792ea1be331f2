import "server-only";
import { z } from "zod";
import type { RequestContext } from "@/lib/auth/request-context";
import { requirePermission } from "@/lib/auth/permissions";
import { summarizeRun, type RunSummary } from "@/lib/domain/run-summary";
import { compareWithChampion } from "@/lib/domain/version-comparison";
import { notFound } from "@/lib/errors/refused-error";
import { isUpstreamError } from "@/lib/errors/upstream-error";
import type { Services } from "@/lib/services/services";
import { startRead } from "@/lib/services/start-read";
import { freshnessOf } from "@/lib/sources/freshness";
import { cachedExperiment, cachedModel, cachedModelVersion, isMissing } from "@/lib/sources/mlflow/cached-reads";
import { readDeploymentsOfVersion } from "./deployments-of-version";
import { readRunOf, type RunRead } from "./run-reads";
import type { ChampionView, VersionLineage } from "./registry-views";

const inputSchema = z.object({
  name: z.string().min(1).max(500),
  version: z.string().regex(/^\d{1,10}$/, "a model version is a number"),
});
export type ReadVersionLineageInput = z.input<typeof inputSchema>;

const RUN_PROBLEMS = {
  "no-run": "MLflow records no source run for this version (it was registered from files, not from a run).",
  "not-read": "The source run was not read.",
} as const;

/** The champion's source run, read as soon as the model names its champion (beside the version's own run). */
async function readChampionRun(services: Pick<Services, "mlflow">, name: string, championVersion: string): Promise<RunRead> {
  const champion = await cachedModelVersion(services.mlflow, name, championVersion);
  return readRunOf(services, champion.value.run_id);
}

async function readChampion(championVersion: string | null, version: string, run: RunSummary | null, championRunRead: Promise<RunRead> | null): Promise<ChampionView> {
  if (championVersion === null) return { state: "no-champion" };
  if (championVersion === version || !championRunRead) return { state: "this-is-champion" };
  try {
    const championRun = await championRunRead;
    if (!championRun.read) return { state: "unavailable", version: championVersion, message: championRun.message ?? RUN_PROBLEMS["no-run"] };
    if (!run) return { state: "unavailable", version: championVersion, message: "This version has no readable source run to compare." };
    const summary = summarizeRun(championRun.read.value);
    return { state: "compared", version: championVersion, runId: summary.runId, experimentId: summary.experimentId, comparison: compareWithChampion(run, summary) };
  } catch (error) {
    if (isUpstreamError(error)) return { state: "unavailable", version: championVersion, message: error.message };
    throw error;
  }
}

/**
 * Where a model version came from and where it runs: datasets → training run → sweep → experiment
 * → version → aliases → Azure ML deployments; and how it compares with the champion. Only the
 * version itself is required: every other part degrades on its own when its upstream fails.
 */
export async function readVersionLineage(ctx: RequestContext, input: ReadVersionLineageInput, services: Pick<Services, "mlflow" | "azureMl">): Promise<VersionLineage> {
  requirePermission(ctx, "lineage:read");
  const parsed = inputSchema.safeParse(input);
  // A malformed address names no version: the page says "not found" rather than failing.
  if (!parsed.success) throw notFound(`There is no such model version: ${parsed.error.issues[0]?.message ?? "malformed name or version"}.`);
  const { name, version } = parsed.data;
  // Only the version names its run, and only the run its experiment and parent: that chain of three
  // MLflow round trips bounds this read. Everything else starts as soon as what it needs is known.
  const deploymentsRead = startRead(readDeploymentsOfVersion(services, name, String(Number(version))));
  let versionRead, modelRead;
  try {
    [versionRead, modelRead] = await Promise.all([cachedModelVersion(services.mlflow, name, version), cachedModel(services.mlflow, name)]);
  } catch (error) {
    if (isMissing(error)) throw notFound(`MLflow has no version ${version} of a registered model named ${name}.`);
    throw error;
  }
  const modelVersion = versionRead.value;
  const modelAliases = [...modelRead.value.aliases].sort((a, b) => a.alias.localeCompare(b.alias));
  const championVersion = modelAliases.find((entry) => entry.alias === "champion")?.version ?? null;
  const championRunRead = championVersion !== null && championVersion !== modelVersion.version ? startRead(readChampionRun(services, name, championVersion)) : null;
  const runRead = await readRunOf(services, modelVersion.run_id);
  const run = runRead.read ? summarizeRun(runRead.read.value) : null;

  const [parent, experiment, champion, deployments] = await Promise.all([
    run?.parentRunId ? readRunOf(services, run.parentRunId) : null,
    run
      ? cachedExperiment(services.mlflow, run.experimentId).catch((error: unknown) => {
          if (isUpstreamError(error)) return null;
          throw error;
        })
      : null,
    readChampion(championVersion, modelVersion.version, run, championRunRead),
    deploymentsRead,
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
