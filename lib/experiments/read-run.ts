import "server-only";
import { z } from "zod";
import { NotFoundError } from "@/lib/errors/not-found-error";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { childRunsFilter } from "@/lib/domain/run-filter";
import { summarizeRun, type RunSummary } from "@/lib/domain/run-summary";
import type { Cached } from "@/lib/sources/read-cache";
import { commitWebUrl, repositoryWebUrl } from "./git-links";
import { hasCurve, shapeMetricHistory, type MetricSeries } from "./metric-history";
import { TRACKING_ID } from "./read-experiment-runs";
import { appTrackingReads, freshnessOf, isMissing, trackingCacheKey, type Freshness, type TrackingReads } from "./tracking-reads";

const inputSchema = z.object({ experimentId: z.string().regex(TRACKING_ID), runId: z.string().regex(TRACKING_ID) });
export type ReadRunInput = z.input<typeof inputSchema>;

/** Histories read per run; a run logging more metrics shows the rest in the table only. */
export const MAX_HISTORIES = 40;
const MAX_CHILDREN = 100;

export interface RunMetricRow {
  key: string;
  value: number;
  /** Points logged, when the history was read. */
  points: number | null;
}

export interface ChildRun {
  runId: string;
  name: string;
  status: string;
  startTime: number | null;
  durationMs: number | null;
}

export interface RunView extends Freshness {
  run: RunSummary;
  lifecycleStage: string;
  artifactUri: string | null;
  experimentName: string | null;
  parent: { runId: string; name: string | null } | null;
  children: ChildRun[];
  /** The run has more children than the page lists. */
  moreChildren: boolean;
  /** MLflow did not answer the search for children: the page cannot say whether there are any. */
  childrenUnavailable: boolean;
  /** All tags: the run's own first, then MLflow's system tags. */
  tags: { key: string; value: string }[];
  metrics: RunMetricRow[];
  /** Metrics logged at more than one step, one chart each. */
  charts: MetricSeries[];
  /** Metric keys whose history MLflow did not give. */
  historyUnavailable: string[];
  /** Metrics beyond MAX_HISTORIES, not charted. */
  historiesSkipped: number;
  repositoryUrl: string | null;
  commitUrl: string | null;
}

type Freshnesses = Pick<Cached<unknown>, "asOf" | "staleBecause">[];

/** One run in full: its summary, lineage, parent and children, and the history of each metric. */
export async function readRun(ctx: RequestContext, rawInput: ReadRunInput, reads: () => TrackingReads = appTrackingReads): Promise<RunView> {
  requirePermission(ctx, "lineage:read");
  const parsed = inputSchema.safeParse(rawInput);
  if (!parsed.success) throw new NotFoundError("There is no run with that id.");
  const { experimentId, runId } = parsed.data;
  const source = reads();
  const { client, cache } = source;

  const runRead = await cache.read(trackingCacheKey("run", runId), () => client.getRun(runId)).catch((error: unknown) => {
    if (isMissing(error)) throw new NotFoundError(`MLflow has no run with id ${runId}.`);
    throw error;
  });
  const run = summarizeRun(runRead.value);
  if (run.experimentId !== experimentId) throw new NotFoundError(`Run ${runId} is not in experiment ${experimentId}.`);

  const freshness: Freshnesses = [runRead];
  const metricKeys = Object.keys(run.metrics).sort((a, b) => a.localeCompare(b));
  const charted = metricKeys.slice(0, MAX_HISTORIES);
  // Everything else the page needs is read in parallel; none of it may fail the page.
  const [experimentName, parentName, children, histories] = await Promise.all([
    optional(source, freshness, trackingCacheKey("experiment", experimentId), () => client.getExperiment(experimentId)).then((experiment) => experiment?.name ?? null),
    run.parentRunId
      ? optional(source, freshness, trackingCacheKey("run", run.parentRunId), () => client.getRun(run.parentRunId!)).then((parent) => (parent ? summarizeRun(parent).name : null))
      : Promise.resolve(null),
    childrenOf(source, freshness, experimentId, runId),
    Promise.all(charted.map((key) => optional(source, freshness, trackingCacheKey("history", runId, key), () => client.getMetricHistory(runId, key)).then((points) => ({ key, points })))),
  ]);

  const series = histories.flatMap(({ key, points }) => (points ? [shapeMetricHistory(key, points)] : []));
  const pointCounts = new Map(series.map((entry) => [entry.key, entry.summary.count]));
  const tags = runRead.value.data.tags;
  const isSystem = (key: string) => key.startsWith("mlflow.");
  return {
    ...freshnessOf(freshness),
    run,
    lifecycleStage: runRead.value.info.lifecycle_stage,
    artifactUri: runRead.value.info.artifact_uri ?? null,
    experimentName,
    parent: run.parentRunId ? { runId: run.parentRunId, name: parentName } : null,
    children: children?.slice(0, MAX_CHILDREN) ?? [],
    moreChildren: (children?.length ?? 0) > MAX_CHILDREN,
    childrenUnavailable: children === null,
    tags: [...tags].sort((a, b) => Number(isSystem(a.key)) - Number(isSystem(b.key)) || a.key.localeCompare(b.key)),
    metrics: metricKeys.map((key) => ({ key, value: run.metrics[key]!, points: pointCounts.get(key) ?? null })),
    charts: series.filter(hasCurve),
    historyUnavailable: histories.filter((history) => history.points === null).map((history) => history.key),
    historiesSkipped: metricKeys.length - charted.length,
    repositoryUrl: repositoryWebUrl(run.gitRepoUrl),
    commitUrl: commitWebUrl(run.gitRepoUrl, run.gitCommit),
  };
}

/** A cached read whose failure leaves a gap on the page instead of failing it. */
async function optional<T>({ cache }: TrackingReads, freshness: Freshnesses, key: string, load: () => Promise<T>): Promise<T | null> {
  try {
    const read = await cache.read(key, load);
    freshness.push(read);
    return read.value;
  } catch {
    return null;
  }
}

/** The run's children (a sweep's trials) in start order; one more than shown, to know if more exist. */
async function childrenOf(source: TrackingReads, freshness: Freshnesses, experimentId: string, runId: string): Promise<ChildRun[] | null> {
  const filter = childRunsFilter(runId);
  if (!filter) return [];
  const page = { filter, orderBy: ["attributes.start_time ASC"], maxResults: MAX_CHILDREN + 1 };
  const found = await optional(source, freshness, trackingCacheKey("children", experimentId, runId), () => source.client.searchRuns([experimentId], page));
  return (
    found?.runs.map((child) => {
      const summary = summarizeRun(child);
      return { runId: summary.runId, name: summary.name, status: summary.status, startTime: summary.startTime, durationMs: summary.durationMs };
    }) ?? null
  );
}
