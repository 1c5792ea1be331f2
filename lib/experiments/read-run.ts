import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { childRunsFilter } from "@/lib/domain/run-filter";
import { summarizeRun, type RunSummary } from "@/lib/domain/run-summary";
import { notFound } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";
import { freshnessOf, type Freshness } from "@/lib/sources/freshness";
import { cachedExperiment, cachedMetricHistory, cachedRun, cachedRunSearch, isMissing } from "@/lib/sources/mlflow/cached-reads";
import type { Cached } from "@/lib/sources/read-cache";
import { startRead } from "@/lib/services/start-read";
import { asRunLineage, asStrings, HINT_KEYS, hintedRead, type RunLineageHint } from "@/lib/sources/read-hints";
import { commitWebUrl, repositoryWebUrl } from "@/lib/ui/git-links";
import { hasCurve, shapeMetricHistory, type MetricSeries } from "./metric-history";
import { TRACKING_ID } from "./read-experiment-runs";

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
export async function readRun(ctx: RequestContext, rawInput: ReadRunInput, services: Pick<Services, "mlflow" | "hints">): Promise<RunView> {
  requirePermission(ctx, "lineage:read");
  const parsed = inputSchema.safeParse(rawInput);
  if (!parsed.success) throw notFound("There is no run with that id.");
  const { experimentId, runId } = parsed.data;

  // The run names its parent and metric keys; what an earlier read learnt of them (read hints: the
  // parent never changes, a running run may log new keys) is read beside the run, the rest after it.
  // The experiment and the children need only the address, so they start at once too.
  const lineageKey = HINT_KEYS.runLineage(runId);
  const keysKey = HINT_KEYS.runMetricKeys(runId);
  const recalled = await services.hints.recall([lineageKey, keysKey]);
  const parentNameOf = hintedRead(asRunLineage(recalled.get(lineageKey))?.parentRunId, (parentId) => cachedRun(services.mlflow, parentId));
  const historyOf = (key: string) => cachedMetricHistory(services.mlflow, runId, key);
  const earlyHistories = new Map((asStrings(recalled.get(keysKey)) ?? []).slice(0, MAX_HISTORIES).map((key) => [key, startRead(historyOf(key))]));
  const freshness: Freshnesses = [];
  const experimentRead = startRead(cachedExperiment(services.mlflow, experimentId));
  const childrenRead = startRead(childrenOf(services, freshness, experimentId, runId));

  const runRead = await cachedRun(services.mlflow, runId).catch((error: unknown) => {
    if (isMissing(error)) throw notFound(`MLflow has no run with id ${runId}.`);
    throw error;
  });
  const run = summarizeRun(runRead.value);
  if (run.experimentId !== experimentId) throw notFound(`Run ${runId} is not in experiment ${experimentId}.`);
  void services.hints.remember(lineageKey, { experimentId, parentRunId: run.parentRunId ?? null } satisfies RunLineageHint);

  freshness.push(runRead);
  const metricKeys = Object.keys(run.metrics).sort((a, b) => a.localeCompare(b));
  void services.hints.remember(keysKey, metricKeys);
  const charted = metricKeys.slice(0, MAX_HISTORIES);
  // Everything else the page needs is read in parallel; none of it may fail the page.
  const [experimentName, parentName, children, histories] = await Promise.all([
    optional(freshness, experimentRead).then((experiment) => experiment?.name ?? null),
    run.parentRunId ? optional(freshness, parentNameOf(run.parentRunId)).then((parent) => (parent ? summarizeRun(parent).name : null)) : Promise.resolve(null),
    childrenRead,
    Promise.all(charted.map((key) => optional(freshness, earlyHistories.get(key) ?? historyOf(key)).then((points) => ({ key, points })))),
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
async function optional<T>(freshness: Freshnesses, reading: Promise<Cached<T>>): Promise<T | null> {
  try {
    const read = await reading;
    freshness.push(read);
    return read.value;
  } catch {
    return null;
  }
}

/** The run's children (a sweep's trials) in start order; one more than shown, to know if more exist. */
async function childrenOf(services: Pick<Services, "mlflow">, freshness: Freshnesses, experimentId: string, runId: string): Promise<ChildRun[] | null> {
  const filter = childRunsFilter(runId);
  if (!filter) return [];
  const page = { filter, orderBy: ["attributes.start_time ASC"], maxResults: MAX_CHILDREN + 1 };
  const found = await optional(freshness, cachedRunSearch(services.mlflow, [experimentId], page));
  return (
    found?.runs.map((child) => {
      const summary = summarizeRun(child);
      return { runId: summary.runId, name: summary.name, status: summary.status, startTime: summary.startTime, durationMs: summary.durationMs };
    }) ?? null
  );
}
