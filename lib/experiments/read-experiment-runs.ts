import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { formatSortOrder, parseSortOrder, type SortOrder } from "@/lib/domain/run-filter";
import { availableColumns, columnId, defaultColumns, parseColumns, type RunColumn } from "@/lib/domain/run-filter-columns";
import { summarizeRun, type RunSummary } from "@/lib/domain/run-summary";
import { notFound } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";
import { startRead } from "@/lib/services/start-read";
import { freshnessOf, type Freshness } from "@/lib/sources/freshness";
import { cachedExperiment, cachedRun, cachedRunSearch, isMissing, isRejectedRequest } from "@/lib/sources/mlflow/cached-reads";
import type { Cached } from "@/lib/sources/read-cache";
import { summarizeExperiment, type ExperimentSummary } from "./experiment-view";
import { clippedText, pageSizeSchema, pageTokenSchema, trailSchema } from "./list-input";
import type { PagePosition } from "./page-trail";

/** Ids as MLflow servers write them: numbers (OSS, Databricks) or GUID-like strings (Azure ML). */
export const TRACKING_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

const inputSchema = z.object({
  experimentId: z.string().regex(TRACKING_ID),
  filter: clippedText(4000),
  order: clippedText(500),
  columns: z
    .array(z.string())
    .optional()
    .transform((values) => parseColumns(values ?? [])),
  size: pageSizeSchema,
  page: pageTokenSchema,
  trail: trailSchema,
});
export type ReadExperimentRunsInput = z.input<typeof inputSchema>;

/** Parent names looked up for runs whose parent is on another page; more are shown by id. */
const MAX_PARENT_LOOKUPS = 10;

export interface RunRow {
  runId: string;
  name: string;
  status: string;
  lifecycleStage: string;
  user: string | null;
  startTime: number | null;
  durationMs: number | null;
  parentRunId: string | null;
  metrics: Record<string, number>;
  params: Record<string, string>;
}

export interface ExperimentRunsView extends Freshness {
  experiment: ExperimentSummary;
  runs: RunRow[];
  /** The metric and param columns shown, in order. */
  columns: RunColumn[];
  /** True when the user picked the columns (`?columns=`), false when chosen from the runs. */
  columnsPicked: boolean;
  available: { metrics: string[]; params: string[] };
  filter: string;
  order: SortOrder | null;
  size: number;
  position: PagePosition;
  nextPageToken: string | null;
  /** Names of the parent runs the rows point at (on this page or looked up). */
  parentNames: Record<string, string>;
  /** How many runs on this page each parent run has. */
  childCounts: Record<string, number>;
  /** What MLflow (or Stagegate, for an unreadable sort order) said about the query. */
  queryError: string | null;
}

function rowOf(summary: RunSummary, lifecycleStage: string): RunRow {
  return {
    runId: summary.runId,
    name: summary.name,
    status: summary.status,
    lifecycleStage,
    user: summary.user,
    startTime: summary.startTime,
    durationMs: summary.durationMs,
    parentRunId: summary.parentRunId,
    metrics: summary.metrics,
    params: Object.fromEntries(summary.params.map((param) => [param.key, param.value])),
  };
}

/** The experiment and one page of its runs, filtered and sorted as the URL says. */
export async function readExperimentRuns(ctx: RequestContext, rawInput: ReadExperimentRunsInput, services: Pick<Services, "mlflow">): Promise<ExperimentRunsView> {
  requirePermission(ctx, "lineage:read");
  const parsed = inputSchema.safeParse(rawInput);
  if (!parsed.success) throw notFound("There is no experiment with that id.");
  const input = parsed.data;

  const order = parseSortOrder(input.order);
  const orderBy = order ? formatSortOrder(order) : null;
  let queryError = input.order && !orderBy ? `The sort order "${input.order}" is not one Stagegate can read: use e.g. "metrics.auc DESC". The runs are in MLflow's default order.` : null;
  const position: PagePosition = { token: input.page, trail: input.page ? input.trail : [] };
  const page = { filter: input.filter, orderBy: orderBy ? [orderBy] : undefined, maxResults: input.size, pageToken: position.token } as const;
  // The id is in the URL: the experiment and its active runs are read side by side. A deleted
  // experiment's runs are deleted with it: for one, the runs are searched again, deleted included.
  const searchRuns = (viewType: "ACTIVE_ONLY" | "ALL") =>
    cachedRunSearch(services.mlflow, [input.experimentId], { ...page, viewType }).then(
      (read) => ({ read, problem: null }),
      (error: unknown) => {
        if (!isRejectedRequest(error)) throw error;
        return { read: null, problem: error.message };
      },
    );
  const activeRuns = startRead(searchRuns("ACTIVE_ONLY"));
  const experimentRead = await cachedExperiment(services.mlflow, input.experimentId).catch((error: unknown) => {
    if (isMissing(error)) throw notFound(`MLflow has no experiment with id ${input.experimentId}.`);
    throw error;
  });
  const experiment = summarizeExperiment(experimentRead.value);
  const runsSearch = await (experiment.lifecycleStage === "deleted" ? searchRuns("ALL") : activeRuns);

  let summaries: { summary: RunSummary; lifecycleStage: string }[] = [];
  let nextPageToken: string | null = null;
  const freshness: Pick<Cached<unknown>, "asOf" | "staleBecause">[] = [experimentRead];
  if (runsSearch.read) {
    freshness.push(runsSearch.read);
    summaries = runsSearch.read.value.runs.map((run) => ({ summary: summarizeRun(run), lifecycleStage: run.info.lifecycle_stage }));
    nextPageToken = runsSearch.read.value.next_page_token ?? null;
  } else {
    queryError = runsSearch.problem;
  }

  const rows = summaries.map(({ summary, lifecycleStage }) => rowOf(summary, lifecycleStage));
  const columns = input.columns.length > 0 ? input.columns : defaultColumns(rows, order);
  const available = availableColumns(rows);
  for (const column of columns) if (!available[column.kind].includes(column.key)) available[column.kind].push(column.key);

  return {
    ...freshnessOf(freshness),
    experiment,
    runs: rows.map((row) => keepColumns(row, columns)),
    columns,
    columnsPicked: input.columns.length > 0,
    available,
    filter: input.filter ?? "",
    order: orderBy ? order : null,
    size: input.size,
    position,
    nextPageToken,
    parentNames: await parentNames(services, rows),
    childCounts: countChildren(rows),
    queryError,
  };
}

function keepColumns(row: RunRow, columns: readonly RunColumn[]): RunRow {
  const keep = (kind: RunColumn["kind"], record: Record<string, string | number>) =>
    Object.fromEntries(Object.entries(record).filter(([key]) => columns.some((column) => columnId(column) === columnId({ kind, key }))));
  return { ...row, metrics: keep("metrics", row.metrics) as Record<string, number>, params: keep("params", row.params) as Record<string, string> };
}

function countChildren(rows: readonly RunRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) if (row.parentRunId) counts[row.parentRunId] = (counts[row.parentRunId] ?? 0) + 1;
  return counts;
}

/** Parent names from the page, else looked up (cached); a parent that cannot be read shows by id. */
async function parentNames(services: Pick<Services, "mlflow">, rows: readonly RunRow[]): Promise<Record<string, string>> {
  const onPage = new Map(rows.map((row) => [row.runId, row.name]));
  const wanted = [...new Set(rows.map((row) => row.parentRunId).filter((id): id is string => id !== null))];
  const missing = wanted.filter((id) => !onPage.has(id)).slice(0, MAX_PARENT_LOOKUPS);
  const looked = await Promise.all(
    missing.map((runId) =>
      cachedRun(services.mlflow, runId)
        .then((read) => [runId, summarizeRun(read.value).name] as const)
        .catch(() => null),
    ),
  );
  const names: Record<string, string> = {};
  for (const id of wanted) if (onPage.has(id)) names[id] = onPage.get(id)!;
  for (const entry of looked) if (entry) names[entry[0]] = entry[1];
  return names;
}
