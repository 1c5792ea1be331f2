import "server-only";
import { z } from "zod";
import { NotFoundError } from "@/lib/errors/not-found-error";
import type { RequestContext } from "@/lib/auth/request-context";
import { requirePermission } from "@/lib/auth/permissions";
import { equalsClause } from "@/lib/domain/mlflow-filter";
import type { MlflowModelVersion } from "@/lib/sources/mlflow/mlflow-schemas";
import { registryCacheKeys } from "./cache-keys";
import { freshnessOf } from "./freshness";
import { mapLimited } from "./map-limited";
import { defaultRegistrySources, type MlflowReader, type RegistrySources } from "./registry-sources";
import type { ModelDetail, ModelVersionRow } from "./registry-views";
import { isNotFound, readRunOf, type RunRead } from "./run-reads";

/** Runs read per page: the newest versions' metrics matter most, and a page must stay bounded. */
export const MAX_RUNS_READ = 100;
const RUN_READ_CONCURRENCY = 8;
const VERSIONS_PAGE_SIZE = 1000;

const inputSchema = z.object({
  name: z.string().min(1).max(500),
  metricNames: z.array(z.string().min(1).max(250)).max(50),
});

/** Every version of a model: one model-versions/search, following page tokens. */
async function allVersions(client: MlflowReader, name: string): Promise<MlflowModelVersion[]> {
  const clause = equalsClause("name", name);
  const versions: MlflowModelVersion[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.searchModelVersions({ filter: clause.text, maxResults: VERSIONS_PAGE_SIZE, pageToken });
    versions.push(...page.model_versions.filter((version) => version.name === name));
    pageToken = page.next_page_token;
  } while (pageToken);
  return versions.sort((a, b) => Number(b.version) - Number(a.version));
}

function versionRow(version: MlflowModelVersion, run: RunRead | undefined, metricNames: string[]): ModelVersionRow {
  const logged = new Map(run?.read?.value.data.metrics.map((metric) => [metric.key, metric.value]));
  const info = run?.read?.value.info;
  return {
    version: version.version,
    status: version.status,
    statusMessage: version.status_message ?? null,
    stage: version.current_stage && version.current_stage !== "None" ? version.current_stage : null,
    aliases: [...version.aliases].sort(),
    runId: version.run_id || null,
    runName: info ? (info.run_name ?? info.run_id) : null,
    experimentId: info?.experiment_id ?? null,
    runState: run?.state ?? (version.run_id ? "not-read" : "no-run"),
    metrics: Object.fromEntries(metricNames.map((key) => [key, logged.get(key) ?? null])),
    createdAt: version.creation_timestamp ?? null,
    userId: version.user_id ?? null,
    description: version.description ?? null,
  };
}

/**
 * A registered model with every version and, for the newest versions, the metrics that the
 * promotion policy looks at (`metricNames`, passed in so the page can use the current policy's).
 */
export async function readModel(ctx: RequestContext, input: { name: string; metricNames: string[] }, sources: RegistrySources = defaultRegistrySources()): Promise<ModelDetail> {
  requirePermission(ctx, "registry:read");
  const { name, metricNames } = inputSchema.parse(input);
  const client = sources.mlflow();
  let model, versions;
  try {
    [model, versions] = await Promise.all([
      sources.mlflowCache.read(registryCacheKeys.model(name), () => client.getRegisteredModel(name)),
      sources.mlflowCache.read(registryCacheKeys.versions(name), () => allVersions(client, name)),
    ]);
  } catch (error) {
    if (isNotFound(error)) throw new NotFoundError(`MLflow has no registered model named ${name}.`);
    throw error;
  }
  const withRuns = versions.value.slice(0, MAX_RUNS_READ);
  const runIds = [...new Set(withRuns.flatMap((version) => (version.run_id ? [version.run_id] : [])))];
  const runs = await mapLimited(runIds, RUN_READ_CONCURRENCY, (runId) => readRunOf(sources, client, runId));
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
    metricNames,
    versions: versions.value.map((version, index) =>
      versionRow(version, index < MAX_RUNS_READ && version.run_id ? runById.get(version.run_id) : undefined, metricNames),
    ),
    versionsWithMetrics: withRuns.length,
  };
}
