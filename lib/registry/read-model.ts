import "server-only";
import { z } from "zod";
import type { RequestContext } from "@/lib/auth/request-context";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";
import { freshnessOf } from "@/lib/sources/freshness";
import { cachedModel, cachedModelVersions, isMissing } from "@/lib/sources/mlflow/cached-reads";
import type { MlflowModelVersion } from "@/lib/sources/mlflow/mlflow-schemas";
import { asStrings, HINT_KEYS } from "@/lib/sources/read-hints";
import { startRead } from "@/lib/services/start-read";
import { mapLimited } from "./map-limited";
import type { ModelDetail, ModelVersionRow } from "./registry-views";
import { readRunOf, type RunRead } from "./run-reads";

/** Runs read per page: the newest versions' metrics matter most, and a page must stay bounded. */
export const MAX_RUNS_READ = 100;
const RUN_READ_CONCURRENCY = 8;

const inputSchema = z.object({ name: z.string().min(1).max(500) });
export type ReadModelInput = z.input<typeof inputSchema>;

// MLflow 2.x leaves `aliases` out of model-versions/search results (mlflow#16734); the registered
// model's own aliases are the truth, on every server version.
function versionRow(version: MlflowModelVersion, run: RunRead | undefined, modelAliases: readonly { alias: string; version: string }[]): ModelVersionRow {
  const info = run?.read?.value.info;
  return {
    version: version.version,
    status: version.status,
    statusMessage: version.status_message ?? null,
    stage: version.current_stage && version.current_stage !== "None" ? version.current_stage : null,
    aliases: modelAliases.filter((entry) => entry.version === version.version).map((entry) => entry.alias).sort(),
    runId: version.run_id || null,
    runName: info ? (info.run_name ?? info.run_id) : null,
    experimentId: info?.experiment_id ?? null,
    runState: run?.state ?? (version.run_id ? "not-read" : "no-run"),
    metrics: Object.fromEntries(run?.read?.value.data.metrics.map((metric) => [metric.key, metric.value]) ?? []),
    createdAt: version.creation_timestamp ?? null,
    userId: version.user_id ?? null,
    description: version.description ?? null,
  };
}

/**
 * A registered model with every version and, for the newest versions, the metrics their source
 * runs logged (the page shows the ones the promotion policy judges).
 */
export async function readModel(ctx: RequestContext, input: ReadModelInput, services: Pick<Services, "mlflow" | "hints">): Promise<ModelDetail> {
  requirePermission(ctx, "registry:read");
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) throw notFound("There is no registered model with that name.");
  const { name } = parsed.data;
  // The versions search names the runs to read: the runs an earlier read found (a read hint; a
  // version's run never changes) are read beside it, and only runs of versions new since then after it.
  const hintKey = HINT_KEYS.modelRuns(name);
  const hintedIds = asStrings((await services.hints.recall([hintKey])).get(hintKey))?.slice(0, MAX_RUNS_READ) ?? [];
  const early = startRead(mapLimited(hintedIds, RUN_READ_CONCURRENCY, (runId) => readRunOf(services, runId)).then((runs) => new Map(hintedIds.map((runId, index) => [runId, runs[index]!]))));
  let model, versions;
  try {
    [model, versions] = await Promise.all([cachedModel(services.mlflow, name), cachedModelVersions(services.mlflow, name)]);
  } catch (error) {
    if (isMissing(error)) throw notFound(`MLflow has no registered model named ${name}.`);
    throw error;
  }
  const withRuns = versions.value.slice(0, MAX_RUNS_READ);
  const runIds = [...new Set(withRuns.flatMap((version) => (version.run_id ? [version.run_id] : [])))];
  void services.hints.remember(hintKey, runIds);
  const readEarly = await early;
  const runs = await mapLimited(runIds, RUN_READ_CONCURRENCY, async (runId) => readEarly.get(runId) ?? readRunOf(services, runId));
  const runById = new Map(runIds.map((runId, index) => [runId, runs[index]!]));
  const registered = model.value;
  return {
    ...freshnessOf([model, versions, ...runs.map((run) => run.read)]),
    name: registered.name,
    description: registered.description?.trim() ? registered.description : null,
    owner: registered.tags.find((tag) => tag.key === "owner")?.value || registered.user_id || null,
    createdAt: registered.creation_timestamp ?? null,
    lastUpdated: registered.last_updated_timestamp ?? null,
    tags: [...registered.tags].sort((a, b) => a.key.localeCompare(b.key)),
    aliases: [...registered.aliases].sort((a, b) => a.alias.localeCompare(b.alias)),
    versions: versions.value.map((version, index) => versionRow(version, index < MAX_RUNS_READ && version.run_id ? runById.get(version.run_id) : undefined, registered.aliases)),
    versionsWithMetrics: withRuns.length,
  };
}
