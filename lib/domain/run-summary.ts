// What people need to know about an MLflow run, read from its info and its mlflow.* lineage tags
// (wire-formats.md §1.8). Pure: the experiments pages and the version lineage share it.
import type { MlflowRun } from "@/lib/sources/mlflow/mlflow-schemas";

export interface DatasetSummary {
  name: string;
  digest: string;
  sourceType: string;
  /** The source's URI, path or table name, as far as its JSON says. */
  location: string | null;
  /** Delta tables record the version read. */
  deltaVersion: string | null;
  context: string | null;
  rows: number | null;
}

export interface RunSummary {
  runId: string;
  name: string;
  experimentId: string;
  status: string;
  user: string | null;
  startTime: number | null;
  endTime: number | null;
  durationMs: number | null;
  gitCommit: string | null;
  gitBranch: string | null;
  gitRepoUrl: string | null;
  sourceName: string | null;
  sourceType: string | null;
  parentRunId: string | null;
  note: string | null;
  params: { key: string; value: string }[];
  metrics: Record<string, number>;
  datasets: DatasetSummary[];
}

function parseJsonObject(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function firstString(record: Record<string, unknown>, keys: string[]): string | null {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "string" || typeof value === "number") return String(value);
  }
  return null;
}

export function summarizeRun(run: MlflowRun): RunSummary {
  const tags = new Map(run.data.tags.map((tag) => [tag.key, tag.value]));
  const tag = (key: string) => tags.get(key) ?? null;
  const { start_time: startTime = null, end_time: endTime = null } = run.info;
  return {
    runId: run.info.run_id,
    name: run.info.run_name ?? tag("mlflow.runName") ?? run.info.run_id,
    experimentId: run.info.experiment_id,
    status: run.info.status,
    user: tag("mlflow.user") ?? run.info.user_id ?? null,
    startTime,
    endTime,
    durationMs: startTime !== null && endTime !== null ? endTime - startTime : null,
    gitCommit: tag("mlflow.source.git.commit"),
    gitBranch: tag("mlflow.source.git.branch"),
    gitRepoUrl: tag("mlflow.source.git.repoURL"),
    sourceName: tag("mlflow.source.name"),
    sourceType: tag("mlflow.source.type"),
    parentRunId: tag("mlflow.parentRunId"),
    note: tag("mlflow.note.content"),
    params: [...run.data.params].sort((a, b) => a.key.localeCompare(b.key)),
    metrics: Object.fromEntries(run.data.metrics.map((metric) => [metric.key, metric.value])),
    datasets: run.inputs.dataset_inputs.map((input) => {
      const source = parseJsonObject(input.dataset.source);
      const profile = parseJsonObject(input.dataset.profile);
      // pandas datasets write num_rows; Spark and Delta ones approx_count.
      const rows = profile.num_rows ?? profile.approx_count;
      return {
        name: input.dataset.name,
        digest: input.dataset.digest,
        sourceType: input.dataset.source_type,
        location: firstString(source, ["path", "uri", "table_name", "url"]) ?? (input.dataset.source || null),
        deltaVersion: firstString(source, ["delta_table_version", "version"]),
        context: input.tags.find((entry) => entry.key === "mlflow.data.context")?.value ?? null,
        rows: typeof rows === "number" ? rows : null,
      };
    }),
  };
}
