// The parts of a run derived on demand instead of stored: lineage tags, Delta dataset inputs,
// per-step metric history and the timestamp/step of each latest metric. At 100,000 runs, storing
// these would cost hundreds of megabytes; deriving them from (seed, run) costs microseconds.
import { hash32, SeededRandom } from "../random";
import { DAY_MS, MINUTE_MS } from "../clock";
import { hexId } from "./ids";
import { round, type DatasetSpec } from "./profiles";
import { runMetric, runMetricEntries, type KeyValue, type RunRecord } from "./records";

export interface MetricPoint {
  readonly key: string;
  readonly value: number;
  readonly timestamp: number;
  readonly step: number;
}

export interface DatasetInput {
  readonly tags: readonly KeyValue[];
  readonly dataset: {
    readonly name: string;
    readonly digest: string;
    readonly sourceType: string;
    /** JSON strings, written by the Python client with its default separators. */
    readonly source: string;
    readonly schema: string;
    readonly profile: string;
  };
}

/** Formats like Python's json.dumps with default separators (", " and ": "), as MLflow clients write. */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}: ${pythonJson(item)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Delta tables gained versions from this far back before the anchor. */
const TABLE_HISTORY_MS = 500 * DAY_MS;
const MODEL_KINDS = new Set(["classifier", "regressor", "forecaster", "anomaly"]);

interface TagSource {
  readonly key: string;
  readonly read: (run: RunRecord, details: RunDetails) => string | undefined;
}

const TAG_SOURCES: readonly TagSource[] = [
  { key: "mlflow.runName", read: (run) => run.runName },
  { key: "mlflow.user", read: (run) => run.userId },
  { key: "mlflow.source.name", read: (run) => run.experiment.repository.entryPoint },
  { key: "mlflow.source.type", read: (run) => run.experiment.repository.sourceType },
  { key: "mlflow.source.git.commit", read: (run, details) => details.gitCommit(run) },
  { key: "mlflow.source.git.branch", read: (run) => run.gitBranch },
  { key: "mlflow.source.git.repoURL", read: (run) => run.experiment.repository.url },
  { key: "mlflow.parentRunId", read: (run) => run.parentRunId },
  { key: "mlflow.note.content", read: (run) => run.note },
  { key: "mlflow.log-model.history", read: (run, details) => details.logModelHistory(run) },
];
const TAG_SOURCE_BY_KEY = new Map(TAG_SOURCES.map((source) => [source.key, source]));

export class RunDetails {
  constructor(
    private readonly seed: string,
    private readonly anchor: number,
  ) {}

  tags(run: RunRecord): KeyValue[] {
    const tags: KeyValue[] = [];
    for (const source of TAG_SOURCES) {
      const value = source.read(run, this);
      if (value !== undefined) tags.push({ key: source.key, value });
    }
    return tags;
  }

  /** One tag without building the list, for filters over many runs. */
  tag(run: RunRecord, key: string): string | undefined {
    return TAG_SOURCE_BY_KEY.get(key)?.read(run, this);
  }

  /** The commit a branch pointed at during the week the run started. */
  gitCommit(run: RunRecord): string {
    const week = Math.floor((run.startTime - this.anchor) / (7 * DAY_MS));
    return hexId(40, this.seed, "commit", run.experiment.repository.url, run.gitBranch, week);
  }

  logModelHistory(run: RunRecord): string | undefined {
    const profile = run.experiment.profile;
    if (run.status !== "FINISHED" || run.isSweepParent || !MODEL_KINDS.has(profile.kind)) return undefined;
    const created = new Date((run.endTime ?? run.startTime) - MINUTE_MS).toISOString().replace("T", " ").replace("Z", "000");
    const modelUuid = hexId(32, this.seed, "model-uuid", run.runId);
    const flavors = {
      python_function: { loader_module: `mlflow.${profile.flavor}`, python_version: "3.11.9", env: { conda: "conda.yaml", virtualenv: "python_env.yaml" } },
      [profile.flavor]: { code: null, data: "model" },
    };
    return pythonJson([{ run_id: run.runId, artifact_path: "model", utc_time_created: created, flavors, model_uuid: modelUuid }]);
  }

  /** The Delta version of a table at a moment: tables commit at a steady pace per day. */
  deltaVersion(spec: DatasetSpec, at: number): number {
    return Math.max(0, Math.floor(((at - (this.anchor - TABLE_HISTORY_MS)) / DAY_MS) * spec.versionsPerDay));
  }

  /** Name, digest and context of each input, without building the JSON strings (for filters). */
  datasetFacts(run: RunRecord): { name: string; digest: string; context: string; version: number; spec: DatasetSpec }[] {
    if (run.isSweepParent) return [];
    return run.experiment.profile.datasets.map((spec) => {
      const version = this.deltaVersion(spec, run.startTime);
      return { name: spec.name, digest: hash32(this.seed, spec.path, version).toString(16).padStart(8, "0"), context: spec.context, version, spec };
    });
  }

  datasetInputs(run: RunRecord): DatasetInput[] {
    return this.datasetFacts(run).map(({ name, digest, context, version, spec }) => {
      const rows = spec.rows + version * 37;
      return {
        tags: [{ key: "mlflow.data.context", value: context }],
        dataset: {
          name,
          digest,
          sourceType: "delta_table",
          source: pythonJson({ path: spec.path, delta_table_version: version }),
          schema: pythonJson({ mlflow_colspec: spec.columns.map(([name, type]) => ({ type, name, required: true })) }),
          profile: pythonJson({ approx_count: rows }),
        },
      };
    });
  }

  /** When the run's step `step` of `steps` was logged, spread over its running time. */
  private stepTime(run: RunRecord, step: number, steps: number): number {
    const end = run.endTime ?? run.startTime + (this.anchor - run.startTime) * 0.9;
    return Math.round(run.startTime + ((step + 1) / (steps + 1)) * (end - run.startTime));
  }

  private isPerEpoch(run: RunRecord, key: string): boolean {
    return run.experiment.profile.history.some((spec) => spec.key === key);
  }

  latestMetrics(run: RunRecord): MetricPoint[] {
    return runMetricEntries(run).map(([key, value]) => {
      const perEpoch = this.isPerEpoch(run, key);
      const step = perEpoch ? run.epochs - 1 : 0;
      const timestamp = perEpoch ? this.stepTime(run, step, run.epochs) : this.stepTime(run, run.epochs, run.epochs);
      return { key, value, timestamp, step };
    });
  }

  /** Every logged step of one metric; per-epoch metrics follow a learning curve to their last value. */
  metricHistory(run: RunRecord, key: string): MetricPoint[] {
    const last = runMetric(run, key);
    if (last === undefined) return [];
    const spec = run.experiment.profile.history.find((history) => history.key === key);
    if (!spec) return this.latestMetrics(run).filter((point) => point.key === key);
    const random = new SeededRandom(this.seed, "history", run.runId, key);
    // A diverged run's curve heads away from the target before its last value turns NaN.
    const target = Number.isNaN(last) ? spec.initial * 1.4 : last;
    const span = Math.abs(target - spec.initial);
    const points: MetricPoint[] = [];
    for (let step = 0; step < run.epochs; step += 1) {
      const progress = (step + 1) / run.epochs;
      const isLast = step === run.epochs - 1;
      const curve = spec.initial + (target - spec.initial) * (1 - (1 - progress) ** 2.2);
      const value = isLast ? last : round(curve + random.normal(0, span * 0.015), 6);
      points.push({ key, value, timestamp: this.stepTime(run, step, run.epochs), step });
    }
    return points;
  }
}
