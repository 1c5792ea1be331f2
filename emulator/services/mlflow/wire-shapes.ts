// Records as MLflow writes them on the wire: proto field names in snake_case, int64 as JSON numbers,
// versions as strings, enums by name, NaN/Infinity as strings, unset fields and empty lists omitted.
import type { MetricPoint, RunDetails } from "../../scenario/registry/run-details";
import {
  runArtifactUri,
  runParamEntries,
  type ExperimentRecord,
  type ModelStage,
  type ModelVersionRecord,
  type RegisteredModelRecord,
  type RunRecord,
} from "../../scenario/registry/records";

type WireObject = Record<string, unknown>;

/**
 * MLflow 2.10.2 (its SQL store) sends a model version's `aliases` only where it reads one version:
 * `model-versions/get` and `registered-models/alias`. The versions of `model-versions/search`,
 * `registered-models/get-latest-versions` and a registered model's `latest_versions` come without
 * them (mlflow#16734); the model's own `aliases` list, in `registered-models/get` and `/search`,
 * has them all. True answers like that server; false adds the aliases everywhere, as the
 * emulator once did.
 */
export const MLFLOW_VERSION_SEARCH_OMITS_ALIASES = true;

/** Drops undefined fields and empty arrays, as MLflow's proto-to-JSON conversion does. */
export function omitUnset(fields: WireObject): WireObject {
  const out: WireObject = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out;
}

/** Protobuf JSON has no NaN or Infinity numbers; it writes them as strings. */
function wireDouble(value: number): number | string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  return value;
}

export function experimentJson(experiment: ExperimentRecord): WireObject {
  return omitUnset({
    experiment_id: experiment.experimentId,
    name: experiment.name,
    artifact_location: experiment.artifactLocation,
    lifecycle_stage: experiment.lifecycleStage,
    last_update_time: experiment.lastUpdateTime,
    creation_time: experiment.creationTime,
    tags: experiment.tags,
  });
}

export function metricJson(point: MetricPoint): WireObject {
  return { key: point.key, value: wireDouble(point.value), timestamp: point.timestamp, step: point.step };
}

function runInfoJson(run: RunRecord): WireObject {
  return omitUnset({
    run_id: run.runId,
    run_uuid: run.runId,
    run_name: run.runName,
    experiment_id: run.experiment.experimentId,
    user_id: run.userId,
    status: run.status,
    start_time: run.startTime,
    end_time: run.endTime,
    artifact_uri: runArtifactUri(run),
    lifecycle_stage: run.lifecycleStage,
  });
}

/** A full run; `data` and `inputs` are always present (possibly `{}`), as the OSS server sends them. */
export function runJson(run: RunRecord, details: RunDetails): WireObject {
  const datasetInputs = details.datasetInputs(run).map((input) => ({
    tags: input.tags,
    dataset: {
      name: input.dataset.name,
      digest: input.dataset.digest,
      source_type: input.dataset.sourceType,
      source: input.dataset.source,
      schema: input.dataset.schema,
      profile: input.dataset.profile,
    },
  }));
  return {
    info: runInfoJson(run),
    data: omitUnset({ metrics: details.latestMetrics(run).map(metricJson), params: runParamEntries(run), tags: details.tags(run) }),
    inputs: omitUnset({ dataset_inputs: datasetInputs }),
  };
}

/** One version as `model-versions/get` sends it: with its aliases, read from its registered model. */
export function modelVersionJson(version: ModelVersionRecord, model: RegisteredModelRecord | undefined): WireObject {
  return omitUnset({
    name: version.name,
    version: version.version,
    creation_timestamp: version.creationTimestamp,
    last_updated_timestamp: version.lastUpdatedTimestamp,
    user_id: version.userId,
    current_stage: version.currentStage,
    description: version.description,
    source: version.source,
    run_id: version.runId,
    status: version.status,
    status_message: version.statusMessage,
    tags: version.tags,
    run_link: version.runLink,
    aliases: (model?.aliases ?? []).filter((alias) => alias.version === version.version).map((alias) => alias.alias),
    model_id: version.modelId,
  });
}

/** A version in a list (`model-versions/search`, latest versions): without aliases on a real server. */
export function listedModelVersionJson(version: ModelVersionRecord, model: RegisteredModelRecord | undefined): WireObject {
  return modelVersionJson(version, MLFLOW_VERSION_SEARCH_OMITS_ALIASES ? undefined : model);
}

const STAGE_ORDER: readonly ModelStage[] = ["None", "Staging", "Production", "Archived"];

/** The newest READY version in each stage, in MLflow's stage order. */
export function latestVersions(versions: readonly ModelVersionRecord[], stages: readonly ModelStage[] = STAGE_ORDER): ModelVersionRecord[] {
  const newest = new Map<ModelStage, ModelVersionRecord>();
  for (const version of versions) {
    if (version.status !== "READY") continue;
    const current = newest.get(version.currentStage);
    if (!current || Number(current.version) < Number(version.version)) newest.set(version.currentStage, version);
  }
  return STAGE_ORDER.filter((stage) => stages.includes(stage)).flatMap((stage) => newest.get(stage) ?? []);
}

export function registeredModelJson(model: RegisteredModelRecord, versions: readonly ModelVersionRecord[]): WireObject {
  return omitUnset({
    name: model.name,
    creation_timestamp: model.creationTimestamp,
    last_updated_timestamp: model.lastUpdatedTimestamp,
    user_id: model.userId,
    description: model.description,
    latest_versions: latestVersions(versions).map((version) => listedModelVersionJson(version, model)),
    tags: model.tags,
    aliases: model.aliases,
  });
}
