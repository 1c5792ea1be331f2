// The MLflow entities as the scenario holds them: plain records, shaped for compact storage at
// large scale (shared experiment and profile objects, no per-run tag lists; tags, dataset inputs
// and metric histories are derived on demand in run-details.ts).
import type { TrainingProfile } from "./profiles";

export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

export type LifecycleStage = "active" | "deleted";
export type RunStatus = "RUNNING" | "SCHEDULED" | "FINISHED" | "FAILED" | "KILLED";
export type ModelStage = "None" | "Staging" | "Production" | "Archived";
export type VersionStatus = "PENDING_REGISTRATION" | "FAILED_REGISTRATION" | "READY";

/** Where an experiment's code lives; its runs' `mlflow.source.*` tags come from here. */
export interface SourceRepository {
  readonly url: string;
  readonly entryPoint: string;
  readonly sourceType: "NOTEBOOK" | "JOB" | "PROJECT" | "LOCAL";
  /** Branches runs are started from besides main. */
  readonly featureBranches: readonly string[];
}

export interface ExperimentRecord {
  readonly experimentId: string;
  readonly name: string;
  readonly artifactLocation: string;
  readonly lifecycleStage: LifecycleStage;
  readonly creationTime: number;
  readonly lastUpdateTime: number;
  readonly tags: readonly KeyValue[];
  readonly profile: TrainingProfile;
  readonly repository: SourceRepository;
}

export interface RunRecord {
  readonly runId: string;
  readonly experiment: ExperimentRecord;
  readonly runName: string;
  readonly userId: string;
  readonly status: RunStatus;
  readonly lifecycleStage: LifecycleStage;
  readonly startTime: number;
  /** Unset while the run is RUNNING. */
  readonly endTime?: number;
  readonly parentRunId?: string;
  /** A sweep parent: logs the search settings and the best child's score, and reads no data. */
  readonly isSweepParent: boolean;
  readonly gitBranch: string;
  /** Keys of metricValues, in logging order: usually a profile's shared list, so not stored per run. */
  readonly metricKeys: readonly string[];
  /** Latest value per metric key; NaN is a legitimate (diverged) value. */
  readonly metricValues: readonly number[];
  readonly paramKeys: readonly string[];
  readonly paramValues: readonly string[];
  /** Steps logged for the profile's per-epoch metrics. */
  readonly epochs: number;
  /** Markdown note (tag `mlflow.note.content`), when the author wrote one. */
  readonly note?: string;
}

export interface ModelAlias {
  readonly alias: string;
  readonly version: string;
}

export interface RegisteredModelRecord {
  readonly name: string;
  readonly creationTimestamp: number;
  readonly lastUpdatedTimestamp: number;
  readonly userId: string;
  readonly description?: string;
  readonly tags: readonly KeyValue[];
  /** Sorted by alias name. */
  readonly aliases: readonly ModelAlias[];
}

export interface ModelVersionRecord {
  readonly name: string;
  readonly version: string;
  readonly creationTimestamp: number;
  readonly lastUpdatedTimestamp: number;
  readonly userId: string;
  readonly currentStage: ModelStage;
  readonly description?: string;
  readonly source: string;
  readonly runId: string;
  readonly runLink: string;
  readonly status: VersionStatus;
  readonly statusMessage?: string;
  readonly tags: readonly KeyValue[];
  /** MLflow 3 logged model behind a `models:/m-…` source. */
  readonly modelId?: string;
  /** Resolved artifact location, answered by get-download-uri. */
  readonly artifactUri: string;
}

export interface RegistryCounts {
  experiments: number;
  runs: number;
  registeredModels: number;
  modelVersions: number;
}

/**
 * A flat copy of a string built by concatenation. V8 keeps `a + b` as a rope node, so an id built
 * a character at a time costs ~30 nodes (about 1 KB) until copied; at 100,000 runs that is 80 MB.
 */
export function flatString(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}

/** Where the run's artifacts live (OSS proxied artifact storage). */
export function runArtifactUri(run: RunRecord): string {
  return `mlflow-artifacts:/${run.experiment.experimentId}/${run.runId}/artifacts`;
}

export function runMetric(run: RunRecord, key: string): number | undefined {
  const index = run.metricKeys.indexOf(key);
  return index < 0 ? undefined : run.metricValues[index];
}

export function runParam(run: RunRecord, key: string): string | undefined {
  const index = run.paramKeys.indexOf(key);
  return index < 0 ? undefined : run.paramValues[index];
}

export function runMetricEntries(run: RunRecord): [key: string, value: number][] {
  return run.metricKeys.map((key, index) => [key, run.metricValues[index]!]);
}

export function runParamEntries(run: RunRecord): KeyValue[] {
  return run.paramKeys.map((key, index) => ({ key, value: run.paramValues[index]! }));
}
