// An MLflow experiment as the pages show it: its own tags (owner, team… first; MLflow's system
// tags left out) and its Markdown note.
import type { MlflowExperiment } from "@/lib/sources/mlflow/mlflow-schemas";

export interface ExperimentSummary {
  id: string;
  name: string;
  lifecycleStage: string;
  creationTime: number | null;
  lastUpdateTime: number | null;
  artifactLocation: string | null;
  /** User tags, the commonly meaningful ones first. */
  tags: { key: string; value: string }[];
  note: string | null;
}

const TAGS_FIRST = ["owner", "team", "project", "domain"];

export function interestingTags(tags: readonly { key: string; value: string }[]): { key: string; value: string }[] {
  const rank = (key: string) => {
    const index = TAGS_FIRST.indexOf(key.toLowerCase());
    return index === -1 ? TAGS_FIRST.length : index;
  };
  return tags.filter((tag) => !tag.key.startsWith("mlflow.")).sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
}

export function summarizeExperiment(experiment: MlflowExperiment): ExperimentSummary {
  return {
    id: experiment.experiment_id,
    name: experiment.name,
    lifecycleStage: experiment.lifecycle_stage,
    creationTime: experiment.creation_time ?? null,
    lastUpdateTime: experiment.last_update_time ?? null,
    artifactLocation: experiment.artifact_location ?? null,
    tags: interestingTags(experiment.tags),
    note: experiment.tags.find((tag) => tag.key === "mlflow.note.content")?.value || null,
  };
}
