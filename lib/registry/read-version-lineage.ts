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
import { asAlias, asVersionRun, HINT_KEYS, hintedRead, type AliasHint, type VersionRunHint } from "@/lib/sources/read-hints";
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

/**
 * The champion's source run, read as soon as the model names its champion (beside the version's own
 * run); `runOf` has already started the run the hint expected, used when the version still names it.
 */
async function readChampionRun(services: Pick<Services, "mlflow" | "hints">, name: string, championVersion: string, runOf: (runId: string) => Promise<RunRead>): Promise<RunRead> {
  const champion = await cachedModelVersion(services.mlflow, name, championVersion);
  const runId = champion.value.run_id;
  if (!runId) return readRunOf(services, runId);
  void services.hints.remember(HINT_KEYS.champion(name), { version: championVersion, runId } satisfies AliasHint);
  return runOf(runId);
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
export async function readVersionLineage(ctx: RequestContext, input: ReadVersionLineageInput, services: Pick<Services, "mlflow" | "azureMl" | "hints">): Promise<VersionLineage> {
  requirePermission(ctx, "lineage:read");
  const parsed = inputSchema.safeParse(input);
  // A malformed address names no version: the page says "not found" rather than failing.
  if (!parsed.success) throw notFound(`There is no such model version: ${parsed.error.issues[0]?.message ?? "malformed name or version"}.`);
  const { name, version } = parsed.data;
  // Only the version names its run, and only the run its experiment and parent: a chain of three
  // MLflow round trips, unless read hints (ids MLflow never changes, learnt by an earlier read) let
  // the run, experiment, parent and champion be read beside the version. Each is checked against
  // what MLflow answers: a missing or wrong hint costs the waves it saved, never a wrong page.
  const deploymentsRead = startRead(readDeploymentsOfVersion(services, name, String(Number(version))));
  const versionKey = HINT_KEYS.versionRun(name, String(Number(version)));
  const recalled = await services.hints.recall([versionKey, HINT_KEYS.champion(name)]);
  const hinted = asVersionRun(recalled.get(versionKey));
  const hintedChampion = asAlias(recalled.get(HINT_KEYS.champion(name)));
  const runOf = hintedRead(hinted?.runId, (runId) => readRunOf(services, runId));
  const parentOf = hintedRead(hinted?.lineage?.parentRunId, (runId) => readRunOf(services, runId));
  const experimentOf = hintedRead(hinted?.lineage?.experimentId, (experimentId) =>
    cachedExperiment(services.mlflow, experimentId).catch((error: unknown) => {
      if (isUpstreamError(error)) return null;
      throw error;
    }),
  );
  const championRunOf = hintedRead(hintedChampion?.runId, (runId) => readRunOf(services, runId));
  if (hintedChampion) startRead(cachedModelVersion(services.mlflow, name, hintedChampion.version));
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
  const championRunRead = championVersion !== null && championVersion !== modelVersion.version ? startRead(readChampionRun(services, name, championVersion, championRunOf)) : null;
  const runRead = modelVersion.run_id ? await runOf(modelVersion.run_id) : await readRunOf(services, modelVersion.run_id);
  const run = runRead.read ? summarizeRun(runRead.read.value) : null;
  if (modelVersion.run_id) {
    const lineage = run ? { experimentId: run.experimentId, parentRunId: run.parentRunId ?? null } : null;
    void services.hints.remember(versionKey, { runId: modelVersion.run_id, lineage } satisfies VersionRunHint);
  }

  const [parent, experiment, champion, deployments] = await Promise.all([
    run?.parentRunId ? parentOf(run.parentRunId) : null,
    run ? experimentOf(run.experimentId) : null,
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
