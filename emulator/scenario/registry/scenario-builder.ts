// Turns experiment and model plans into records: experiments get sequential numeric ids (as on an
// OSS server), each experiment's runs are drawn with the source runs its registered versions need,
// and versions link back to those runs.
import { DAY_MS, HOUR_MS } from "../clock";
import { SeededRandom } from "../random";
import { experimentTags, type ExperimentPlan } from "./catalog-experiments";
import { hexId } from "./ids";
import type { ModelPlan, VersionPlan } from "./catalog-models";
import { flatString, type ExperimentRecord, type ModelAlias, type ModelVersionRecord, type RegisteredModelRecord, type RunRecord } from "./records";
import { generateExperimentRuns, type VersionRunRequest } from "./run-generator";

export interface ScenarioData {
  readonly experiments: ExperimentRecord[];
  readonly runs: RunRecord[];
  readonly models: RegisteredModelRecord[];
  readonly versions: ModelVersionRecord[];
}

export interface ScenarioInput {
  readonly seed: string;
  readonly anchor: number;
  /** ARM id of the Azure ML workspace; run links open the run in Azure ML studio. */
  readonly workspaceResourceId: string;
  readonly experimentPlans: readonly ExperimentPlan[];
  readonly modelPlans: readonly ModelPlan[];
}

function experimentRecord(experimentId: string, plan: ExperimentPlan, anchor: number): ExperimentRecord {
  const creationTime = anchor - plan.createdDaysAgo * DAY_MS + 9 * HOUR_MS;
  return {
    experimentId,
    name: plan.name,
    artifactLocation: `mlflow-artifacts:/${experimentId}`,
    lifecycleStage: plan.deleted ? "deleted" : "active",
    creationTime,
    // Renames and tag edits happened some weeks after creation.
    lastUpdateTime: creationTime + Math.min(plan.createdDaysAgo - 1, 21) * DAY_MS,
    tags: experimentTags(plan),
    profile: plan.profile,
    repository: plan.repository,
  };
}

/** When a version was registered: its plan's day, at a working hour drawn from the seed. */
function versionCreatedAt(seed: string, anchor: number, key: string, plan: VersionPlan): number {
  const random = new SeededRandom(seed, "version-created", key);
  return Math.round(anchor - plan.createdDaysAgo * DAY_MS + (8 + random.next() * 9) * HOUR_MS);
}

interface VersionContext {
  readonly seed: string;
  readonly model: ModelPlan;
  readonly experiment: ExperimentRecord;
  readonly workspaceResourceId: string;
}

function versionRecord(context: VersionContext, plan: VersionPlan, index: number, runId: string, createdAt: number): ModelVersionRecord {
  const { experiment, model, seed } = context;
  const version = String(index + 1);
  const random = new SeededRandom(seed, "version", model.name, version);
  const modelId = plan.source === "logged-model" ? `m-${hexId(32, seed, "logged-model", model.name, version)}` : undefined;
  const tags = Object.entries(plan.tags ?? {}).map(([key, value]) => ({ key, value }));
  return {
    name: model.name,
    version,
    creationTimestamp: createdAt,
    // Registration copies artifacts before the version turns READY.
    lastUpdatedTimestamp: createdAt + random.int(20, 240) * 1000,
    userId: plan.userId,
    currentStage: plan.stage ?? "None",
    description: plan.description,
    source: flatString(modelId ? `models:/${modelId}` : `runs:/${runId}/model`),
    runId,
    runLink: flatString(`https://ml.azure.com/experiments/id/${experiment.experimentId}/runs/${runId}?wsid=${context.workspaceResourceId}`),
    status: plan.status ?? "READY",
    statusMessage: plan.statusMessage,
    tags,
    modelId,
    artifactUri: flatString(
      modelId ? `mlflow-artifacts:/${experiment.experimentId}/models/${modelId}/artifacts` : `mlflow-artifacts:/${experiment.experimentId}/${runId}/artifacts/model`,
    ),
  };
}

function modelRecord(plan: ModelPlan, versions: readonly ModelVersionRecord[]): RegisteredModelRecord {
  const aliases: ModelAlias[] = Object.entries(plan.aliases)
    .map(([alias, version]) => ({ alias, version }))
    .sort((left, right) => (left.alias < right.alias ? -1 : 1));
  return {
    name: plan.name,
    creationTimestamp: (versions[0]?.creationTimestamp ?? 0) - HOUR_MS,
    lastUpdatedTimestamp: Math.max(...versions.map((version) => version.lastUpdatedTimestamp)),
    userId: plan.owner,
    description: plan.description,
    tags: Object.entries(plan.tags).map(([key, value]) => ({ key, value })),
    aliases,
  };
}

export function buildScenario(input: ScenarioInput): ScenarioData {
  const { seed, anchor } = input;
  const experiments = input.experimentPlans.map((plan, index) => experimentRecord(String(index), plan, anchor));
  const experimentByName = new Map(experiments.map((experiment) => [experiment.name, experiment]));
  const requestsByExperiment = new Map<string, VersionRunRequest[]>();
  const createdAt = new Map<VersionPlan, number>();
  for (const model of input.modelPlans) {
    model.versions.forEach((plan, index) => {
      const key = `${model.name}/${index + 1}`;
      const at = versionCreatedAt(seed, anchor, key, plan);
      createdAt.set(plan, at);
      const requests = requestsByExperiment.get(model.experiment) ?? [];
      requests.push({
        key,
        runName: plan.runName,
        userId: plan.userId,
        versionCreatedAt: at,
        metricOverrides: plan.metrics,
        note: flatString(`Registered as **${model.name}** version ${index + 1}.`),
        quality: 0.3 + (0.65 * (index + 1)) / model.versions.length,
      });
      requestsByExperiment.set(model.experiment, requests);
    });
  }
  const runs: RunRecord[] = [];
  const versionRunIds = new Map<string, string[]>();
  input.experimentPlans.forEach((plan, index) => {
    const generated = generateExperimentRuns(seed, anchor, experiments[index]!, plan, requestsByExperiment.get(plan.name) ?? []);
    for (const run of generated.runs) runs.push(run);
    versionRunIds.set(plan.name, generated.versionRunIds);
  });
  const models: RegisteredModelRecord[] = [];
  const versions: ModelVersionRecord[] = [];
  const usedRuns = new Map<string, number>();
  for (const model of input.modelPlans) {
    const experiment = experimentByName.get(model.experiment);
    if (!experiment) throw new Error(`Model ${model.name} names an unknown experiment ${model.experiment}.`);
    const runIds = versionRunIds.get(model.experiment) ?? [];
    const offset = usedRuns.get(model.experiment) ?? 0;
    usedRuns.set(model.experiment, offset + model.versions.length);
    const context: VersionContext = { seed, model, experiment, workspaceResourceId: input.workspaceResourceId };
    const modelVersions = model.versions.map((plan, index) => versionRecord(context, plan, index, runIds[offset + index]!, createdAt.get(plan)!));
    versions.push(...modelVersions);
    models.push(modelRecord(model, modelVersions));
  }
  return { experiments, runs, models, versions };
}
