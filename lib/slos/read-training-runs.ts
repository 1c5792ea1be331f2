import "server-only";
import { equalsClause } from "@/lib/domain/mlflow-filter";
import { settleUpstream, type UpstreamProblem } from "@/lib/errors/upstream-problem";
import type { Services } from "@/lib/services/services";
import { freshnessOf } from "@/lib/sources/freshness";
import { cachedExperimentSearch, cachedRunSearch } from "@/lib/sources/mlflow/cached-reads";
import { MLFLOW_UPSTREAM } from "@/lib/sources/mlflow/mlflow-client";
import { asString, hintedRead } from "@/lib/sources/read-hints";
import type { Cached } from "@/lib/sources/read-cache";
import type { PanelReading } from "@/lib/monitoring/monitoring-reads";
import type { TrainingRun } from "./training-run-counts";

export type TrainingRunServices = Pick<Services, "mlflow" | "hints" | "now">;

// MLflow's runs/search returns at most 50 000 runs a page; a training pipeline starts a few a day.
const RUNS_PAGE_SIZE = 1000;

/**
 * The read-hint key of an experiment's id by name. MLflow fixes an experiment's id when it is
 * created, so a recalled id lets the runs search start beside the name lookup that checks it.
 */
export const experimentIdHintKey = (name: string) => `mlflow:experiment-id:${JSON.stringify(name)}`;

const problem = (message: string): UpstreamProblem => ({ upstream: MLFLOW_UPSTREAM, message, notConfigured: false, missing: [] });

async function experimentIdNamed(services: TrainingRunServices, name: string): Promise<{ id: string | null; read: Cached<unknown> }> {
  const clause = equalsClause("name", name);
  const read = await cachedExperimentSearch(services.mlflow, { filter: clause.text, maxResults: 100 });
  // A name MLflow's filter cannot quote is matched with LIKE: keep the exact name only.
  return { id: read.value.experiments.find((experiment) => experiment.name === name)?.experiment_id ?? null, read };
}

/** Every run of the experiment that started in [from, to), following MLflow's pages (one page for any real pipeline). */
async function runsStartedIn(services: TrainingRunServices, experimentId: string, window: { from: Date; to: Date }): Promise<{ runs: TrainingRun[]; reads: Cached<unknown>[] }> {
  // Pushed down: MLflow filters on the start time, Stagegate never lists the experiment's history.
  const filter = `attributes.start_time >= ${window.from.getTime()} AND attributes.start_time < ${window.to.getTime()}`;
  const runs: TrainingRun[] = [];
  const reads: Cached<unknown>[] = [];
  let pageToken: string | undefined;
  do {
    const read = await cachedRunSearch(services.mlflow, [experimentId], { filter, orderBy: ["attributes.start_time ASC"], maxResults: RUNS_PAGE_SIZE, pageToken, viewType: "ACTIVE_ONLY" });
    reads.push(read);
    for (const run of read.value.runs) {
      if (run.info.start_time === undefined) continue;
      runs.push({ runId: run.info.run_id, status: run.info.status, startTime: run.info.start_time, endTime: run.info.end_time ?? null });
    }
    pageToken = read.value.next_page_token;
  } while (pageToken);
  return { runs, reads };
}

/**
 * The training runs of the named experiment that started in the window, as a panel reading. The
 * experiment's id is recalled from read hints (recalled by the caller, beside the SLO definitions)
 * so the runs search starts with the name lookup; without a hint, or with a wrong one, it waits for it.
 */
export async function readTrainingRuns(services: TrainingRunServices, experiment: string, hintedId: unknown, window: { from: Date; to: Date }): Promise<PanelReading<TrainingRun[]>> {
  const runsOf = hintedRead(asString(hintedId), (experimentId) => runsStartedIn(services, experimentId, window));
  const read = await settleUpstream(async () => {
    const named = await experimentIdNamed(services, experiment);
    if (named.id === null) return { missing: true as const, reads: [named.read] };
    void services.hints.remember(experimentIdHintKey(experiment), named.id);
    const found = await runsOf(named.id);
    return { missing: false as const, runs: found.runs, reads: [named.read, ...found.reads] };
  });
  if (read.problem) return { value: null, asOf: null, staleBecause: null, problem: read.problem };
  if (read.value.missing) return { value: null, asOf: null, staleBecause: null, problem: problem(`MLflow has no active experiment named ${experiment}: correct the SLO's experiment to the one its training pipeline logs runs to.`) };
  const freshness = freshnessOf(read.value.reads, services.now());
  return { value: read.value.runs, asOf: freshness.asOf, staleBecause: freshness.staleBecause ?? null, problem: null };
}
