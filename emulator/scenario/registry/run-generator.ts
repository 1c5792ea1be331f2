// Draws an experiment's runs from the seed: standalone runs spread over the experiment's life (or
// nightly for pipelines), parent sweep runs with their trials, a production model's scheduled
// retraining over the last weeks (a few of which overran), and the source run of each registered
// version placed just before the version was created, with its fixed policy metrics.
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../clock";
import { SeededRandom } from "../random";
import { PEOPLE, TEAMMATES } from "./catalog-experiments";
import { hexId } from "./ids";
import { round, type TrainingProfile } from "./profiles";
import { flatString, runMetric, runMetricEntries, type ExperimentRecord, type LifecycleStage, type RunRecord, type RunStatus } from "./records";

export interface NightlySchedule {
  /** The most recent nights' runs failed (the table they write went stale). */
  readonly failingNights?: number;
  /** A late backfill started 40 minutes before the anchor and is still running. */
  readonly backfillRunning?: boolean;
}

/** A production model's retraining pipeline, run on a schedule over the last weeks. */
export interface ScheduledTraining {
  /** Runs every this many days at 03:00 UTC, the latest on the night before the anchor day. */
  readonly everyDays: number;
  readonly runs: number;
  /** Minutes the runs that overran took, by position (0 = the latest); the others take the profile's usual time. */
  readonly overrunMinutes: Readonly<Record<number, number>>;
}

/** A scheduled run as planned: its name (dated), its start, and how long it took if it overran. */
export interface ScheduledTrainingRun {
  readonly runName: string;
  readonly startTime: number;
  readonly overrunMinutes?: number;
}

/** The scheduled runs of a plan, latest first. */
export function scheduledTrainingRuns(anchor: number, schedule: ScheduledTraining): ScheduledTrainingRun[] {
  return Array.from({ length: schedule.runs }, (_, index) => {
    const startTime = anchor - (1 + index * schedule.everyDays) * DAY_MS + 3 * HOUR_MS;
    const overrunMinutes = schedule.overrunMinutes[index];
    return { runName: `scheduled-retrain-${new Date(startTime).toISOString().slice(0, 10)}`, startTime, ...(overrunMinutes === undefined ? {} : { overrunMinutes }) };
  });
}

export interface RunPlan {
  readonly owner: string;
  readonly createdDaysAgo: number;
  readonly standaloneRuns: number;
  readonly sweeps: readonly number[];
  /** Pipelines run once a night at 02:00 UTC instead of at random working hours. */
  readonly nightly?: NightlySchedule;
  /** This many of the standalone runs were deleted by their authors. */
  readonly deletedRuns?: number;
  /** Runs of a deleted experiment are deleted with it. */
  readonly deleted?: boolean;
  readonly scheduledTraining?: ScheduledTraining;
}

/** The run a registered version was created from. */
export interface VersionRunRequest {
  /** Seeds the run, e.g. "churn_xgb/7", so it does not depend on how many other runs exist. */
  readonly key: string;
  readonly runName: string;
  readonly userId: string;
  readonly versionCreatedAt: number;
  /** Replace drawn metrics; null removes a metric the run never logged. */
  readonly metricOverrides: Readonly<Record<string, number | null>>;
  readonly note: string;
  /** Later versions are better models: their drawn metrics should agree with the fixed ones. */
  readonly quality: number;
}

export interface GeneratedRuns {
  readonly runs: RunRecord[];
  /** Source run id of each version request, in request order. */
  readonly versionRunIds: string[];
}

const ADJECTIVES = [
  "agile", "bold", "brave", "calm", "clever", "crisp", "eager", "gentle", "glossy", "honest", "lively", "lucky",
  "mellow", "nimble", "polite", "quiet", "rare", "rustic", "sharp", "shy", "sleek", "smiling", "sunny", "swift",
  "tidy", "vivid", "wise", "zealous",
];
const NOUNS = [
  "ant", "bass", "bat", "bear", "crab", "crow", "deer", "dove", "eel", "finch", "fox", "gull", "hare", "hawk",
  "koi", "lark", "lynx", "mole", "moth", "newt", "owl", "panda", "seal", "shrew", "sloth", "snail", "stork",
  "toad", "vole", "wasp", "yak",
];

/** MLflow's own style of generated run names, e.g. "nimble-owl-417". */
function generatedRunName(random: SeededRandom): string {
  return `${random.pick(ADJECTIVES)}-${random.pick(NOUNS)}-${random.int(100, 999)}`;
}

function drawStatus(random: SeededRandom): RunStatus {
  const draw = random.next();
  if (draw < 0.04) return "FAILED";
  if (draw < 0.065) return "KILLED";
  return "FINISHED";
}

interface RunDraw {
  readonly runId: string;
  readonly experiment: ExperimentRecord;
  readonly startTime: number;
  readonly userId: string;
  readonly runName?: string;
  readonly parentRunId?: string;
  readonly status?: RunStatus;
  readonly lifecycleStage?: LifecycleStage;
  /** Sweep trials are shorter than full training runs. */
  readonly durationScale?: number;
  /** A fixed duration instead of a drawn one. */
  readonly durationMs?: number;
  readonly note?: string;
  /** Latent quality in [0, 1]; drawn when unset. */
  readonly quality?: number;
}

/** One run: what it logged depends on how far it got (finished, failed, killed or still running). */
function drawRun(random: SeededRandom, draw: RunDraw): RunRecord {
  const profile = draw.experiment.profile;
  const status = draw.status ?? drawStatus(random);
  // Drawn even when given, so that the rest of the run's numbers do not depend on the override.
  const drawnQuality = random.next();
  const quality = draw.quality ?? drawnQuality;
  const drawnMs = random.between(profile.durationMinutes[0], profile.durationMinutes[1]) * MINUTE_MS * (draw.durationScale ?? 1);
  const plannedMs = draw.durationMs ?? drawnMs;
  const plannedEpochs = random.int(profile.epochs[0], profile.epochs[1]);
  const finished = status === "FINISHED";
  const completed = finished ? 1 : random.between(0.2, 0.8);
  const paramValues = profile.params.map((spec) => spec.draw(random));
  const epochs = profile.history.length > 0 ? Math.max(1, Math.floor(plannedEpochs * completed)) : 0;
  const metricValues = profile.history.map((spec) => spec.draw(random, quality * completed));
  if (finished) for (const spec of profile.metrics) metricValues.push(spec.draw(random, quality));
  // A failed training run diverged: its loss (the first per-epoch metric) ends as NaN.
  if (status === "FAILED" && metricValues.length > 0) metricValues[0] = Number.NaN;
  const featureBranches = draw.experiment.repository.featureBranches;
  const gitBranch = featureBranches.length > 0 && random.chance(0.2) ? random.pick(featureBranches) : "main";
  return {
    runId: draw.runId,
    experiment: draw.experiment,
    runName: draw.runName ?? flatString(generatedRunName(random)),
    userId: draw.userId,
    status,
    lifecycleStage: draw.lifecycleStage ?? "active",
    startTime: Math.round(draw.startTime),
    endTime: status === "RUNNING" ? undefined : Math.round(draw.startTime + plannedMs * completed),
    parentRunId: draw.parentRunId,
    isSweepParent: false,
    gitBranch,
    metricKeys: finished ? profile.keys.finishedMetrics : profile.keys.partialMetrics,
    metricValues,
    paramKeys: profile.keys.params,
    paramValues,
    epochs,
    note: draw.note,
  };
}

/** What drawing one experiment's runs needs: its random stream, its plan and its run ids. */
interface ExperimentDraw {
  readonly random: SeededRandom;
  readonly experiment: ExperimentRecord;
  readonly plan: RunPlan;
  readonly anchor: number;
  readonly nextRunId: () => string;
}

/** A moment in working hours (07:00–19:00 UTC) on a day between the experiment's creation and yesterday. */
function workingHoursStart({ random, anchor, plan }: ExperimentDraw): number {
  const daysAgo = random.int(1, Math.max(1, plan.createdDaysAgo - 1));
  return anchor - daysAgo * DAY_MS + 7 * HOUR_MS + random.next() * 12 * HOUR_MS;
}

const SWEEP_PARAM_KEYS = ["n_trials", "search_strategy", "optimize_metric", "direction", "parallelism"];

function sweepRuns(draw: ExperimentDraw, children: number): RunRecord[] {
  const { random, experiment, plan } = draw;
  const profile: TrainingProfile = experiment.profile;
  const parentStart = workingHoursStart(draw);
  const parentId = draw.nextRunId();
  const trials: RunRecord[] = [];
  let trialStart = parentStart + MINUTE_MS;
  for (let index = 0; index < children; index += 1) {
    trials.push(drawRun(random, { runId: draw.nextRunId(), experiment, startTime: trialStart, userId: plan.owner, parentRunId: parentId, durationScale: 0.35 }));
    trialStart += random.between(3, 9) * MINUTE_MS;
  }
  const { key, higherIsBetter } = profile.objective;
  const scores = trials.map((trial) => runMetric(trial, key)).filter((score): score is number => score !== undefined && !Number.isNaN(score));
  const failedTrials = trials.filter((trial) => trial.status === "FAILED").length;
  const best = scores.length > 0 ? [higherIsBetter ? Math.max(...scores) : Math.min(...scores)] : [];
  const parent: RunRecord = {
    runId: parentId,
    experiment,
    runName: flatString(`sweep-${profile.flavor}-${random.pick(["optuna", "hyperopt"])}-${random.int(10, 99)}`),
    userId: plan.owner,
    status: "FINISHED",
    lifecycleStage: "active",
    startTime: Math.round(parentStart),
    endTime: Math.max(...trials.map((trial) => trial.endTime ?? trial.startTime)) + MINUTE_MS,
    isSweepParent: true,
    gitBranch: "main",
    metricKeys: best.length > 0 ? [`best_${key}`, "n_failed_trials"] : ["n_failed_trials"],
    metricValues: [...best, failedTrials],
    paramKeys: SWEEP_PARAM_KEYS,
    paramValues: [String(children), random.pick(["tpe", "random", "cmaes"]), key, higherIsBetter ? "maximize" : "minimize", "4"],
    epochs: 0,
  };
  return [parent, ...trials];
}

/** Run `index` of a nightly job: night 1 is last night; with a backfill, index 0 is the backfill. */
function nightlyRun(draw: ExperimentDraw, schedule: NightlySchedule, index: number): RunRecord {
  const { random, experiment, plan, anchor } = draw;
  const runId = draw.nextRunId();
  if (schedule.backfillRunning && index === 0) {
    return drawRun(random, { runId, experiment, startTime: anchor - 40 * MINUTE_MS, userId: plan.owner, status: "RUNNING", runName: "backfill-late-partitions" });
  }
  const night = schedule.backfillRunning ? index : index + 1;
  const startTime = anchor - night * DAY_MS + 2 * HOUR_MS + random.next() * 10 * MINUTE_MS;
  const status = night <= (schedule.failingNights ?? 0) ? "FAILED" : undefined;
  return drawRun(random, { runId, experiment, startTime, userId: plan.owner, status });
}

function standaloneRuns(draw: ExperimentDraw): RunRecord[] {
  const { random, experiment, plan } = draw;
  const runs: RunRecord[] = [];
  const firstDeleted = plan.standaloneRuns - (plan.deletedRuns ?? 0);
  for (let index = 0; index < plan.standaloneRuns; index += 1) {
    if (plan.nightly) {
      runs.push(nightlyRun(draw, plan.nightly, index));
      continue;
    }
    // Colleagues also start runs in someone else's experiment.
    const userId = random.chance(0.7) ? plan.owner : random.pick(TEAMMATES);
    const lifecycleStage = index >= firstDeleted ? "deleted" : "active";
    runs.push(drawRun(random, { runId: draw.nextRunId(), experiment, startTime: workingHoursStart(draw), userId, lifecycleStage }));
  }
  return runs;
}

/** The scheduled retraining runs, all finished; drawn from their own stream, so the other runs stay as they were. */
function scheduledRuns(seed: string, draw: ExperimentDraw, schedule: ScheduledTraining): RunRecord[] {
  const random = new SeededRandom(seed, "scheduled-training", draw.experiment.experimentId);
  return scheduledTrainingRuns(draw.anchor, schedule).map((planned) =>
    drawRun(random, {
      runId: draw.nextRunId(),
      experiment: draw.experiment,
      // The scheduler starts a job within a minute of its time.
      startTime: planned.startTime + random.next() * MINUTE_MS,
      userId: PEOPLE.pipeline,
      runName: planned.runName,
      status: "FINISHED",
      durationMs: planned.overrunMinutes === undefined ? undefined : planned.overrunMinutes * MINUTE_MS,
      note: flatString(`Scheduled retraining, every ${schedule.everyDays} days.`),
    }),
  );
}

function versionRun(seed: string, experiment: ExperimentRecord, request: VersionRunRequest): RunRecord {
  const random = new SeededRandom(seed, "version-run", request.key);
  const gapMs = random.between(10, 180) * MINUTE_MS;
  // Started early enough that even the longest run ended before its version was registered.
  const longestMs = experiment.profile.durationMinutes[1] * MINUTE_MS;
  const run = drawRun(random, {
    runId: hexId(32, seed, "version-run", request.key),
    experiment,
    startTime: request.versionCreatedAt - gapMs - longestMs,
    userId: request.userId,
    runName: request.runName,
    status: "FINISHED",
    note: request.note,
    quality: request.quality,
  });
  const metrics = new Map(runMetricEntries(run));
  for (const [key, value] of Object.entries(request.metricOverrides)) {
    if (value === null) metrics.delete(key);
    else metrics.set(key, round(value, 6));
  }
  return { ...run, metricKeys: [...metrics.keys()], metricValues: [...metrics.values()] };
}

export function generateExperimentRuns(seed: string, anchor: number, experiment: ExperimentRecord, plan: RunPlan, versionRequests: readonly VersionRunRequest[]): GeneratedRuns {
  let ordinal = 0;
  const draw: ExperimentDraw = {
    random: new SeededRandom(seed, "runs", experiment.experimentId),
    experiment,
    plan,
    anchor,
    nextRunId: () => hexId(32, seed, "run", experiment.experimentId, ordinal++),
  };
  const runs = standaloneRuns(draw);
  for (const children of plan.sweeps) runs.push(...sweepRuns(draw, children));
  if (plan.scheduledTraining) runs.push(...scheduledRuns(seed, draw, plan.scheduledTraining));
  const versionRuns = versionRequests.map((request) => versionRun(seed, experiment, request));
  runs.push(...versionRuns);
  // Deleting an experiment deletes its runs with it.
  const inLifecycle = plan.deleted ? runs.map((run): RunRecord => ({ ...run, lifecycleStage: "deleted" })) : runs;
  return { runs: inLifecycle, versionRunIds: versionRuns.map((run) => run.runId) };
}
