// The MLflow tracking server's and model registry's data for one seed: generated once, indexed for
// the searches the service answers, with client mutations kept in an overlay that reset() drops
// (and saved, as a section of state.json, so that they survive a restart).
import type { StateSection } from "../../state-store";
import type { Clock } from "../clock";
import { scenarioIdentity } from "../identity";
import { EXPERIMENT_PLANS } from "./catalog-experiments";
import { MODEL_PLANS } from "./catalog-models";
import { curatedTotals, largeScalePlans } from "./large-scale";
import type { ExperimentRecord, LifecycleStage, ModelVersionRecord, RegisteredModelRecord, RegistryCounts, RunRecord } from "./records";
import { ChangedRecords, RegistryEdits, registryChangesSchema, withAlias, withoutAlias, withoutTag, withTag, type RegistryChanges } from "./registry-state";
import { RunDetails } from "./run-details";
import { buildScenario, type ScenarioData } from "./scenario-builder";

export type RegistryScale = "default" | "large";

export interface MlflowRegistryInput {
  seed: string;
  scale: RegistryScale;
  clock: Clock;
  /** Called after every client-made change (not on reset or restore). */
  onChange?: () => void;
}

export interface MlflowRegistry {
  readonly scale: RegistryScale;
  /** Tags, dataset inputs and metric histories derived per run. */
  readonly details: RunDetails;
  /** Forgets every mutation: aliases, tags and descriptions are as generated. */
  reset(): void;
  /** What clients set or deleted since the start (or the last reset); undefined when nothing. */
  changes(): RegistryChanges | undefined;
  /** Re-applies saved changes; skips models, versions or alias targets the scenario does not have. */
  restore(changes: RegistryChanges): void;
  /** Every experiment's id and name (deleted ones included), e.g. for tagging costs. */
  experiments(): { experimentId: string; name: string }[];
  counts(): RegistryCounts;

  experimentRecords(): readonly ExperimentRecord[];
  experiment(experimentId: string): ExperimentRecord | undefined;
  /** The active experiment of that name, else a deleted one. */
  experimentByName(name: string): ExperimentRecord | undefined;
  run(runId: string): RunRecord | undefined;
  /**
   * Runs of these experiments in these lifecycle stages (all stages when unset), in MLflow's
   * default order: start_time DESC, then run_id. With `onlyRunIds`, just those runs (looked up,
   * not scanned for: lineage queries name a few runs among 100,000).
   */
  runsIn(experimentIds: readonly string[], stages?: ReadonlySet<LifecycleStage>, onlyRunIds?: readonly string[]): readonly RunRecord[];

  /** Sorted by name. */
  registeredModels(): readonly RegisteredModelRecord[];
  registeredModel(name: string): RegisteredModelRecord | undefined;
  modelVersions(): readonly ModelVersionRecord[];
  /** Sorted by version number. */
  versionsOf(name: string): readonly ModelVersionRecord[];
  modelVersion(name: string, version: string): ModelVersionRecord | undefined;

  // Mutations: callers check that the model (and version) exist first.
  setRegisteredModelTag(name: string, key: string, value: string): void;
  deleteRegisteredModelTag(name: string, key: string): void;
  setModelVersionTag(name: string, version: string, key: string, value: string): void;
  deleteModelVersionTag(name: string, version: string, key: string): void;
  updateModelVersionDescription(name: string, version: string, description: string | undefined): ModelVersionRecord;
  setAlias(name: string, alias: string, version: string): void;
  deleteAlias(name: string, alias: string): void;
}

const versionKey = (name: string, version: string) => `${name}\u0000${version}`;

/** MLflow's default run order: newest first, ties by run id. */
function defaultRunOrder(left: RunRecord, right: RunRecord): number {
  if (left.startTime !== right.startTime) return right.startTime - left.startTime;
  return left.runId < right.runId ? -1 : left.runId > right.runId ? 1 : 0;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function scenarioFor(input: MlflowRegistryInput): ScenarioData {
  const identity = scenarioIdentity(input.seed);
  const workspaceResourceId = `/subscriptions/${identity.subscriptionId}/resourceGroups/${identity.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${identity.workspace}`;
  const experimentPlans = [...EXPERIMENT_PLANS];
  const modelPlans = [...MODEL_PLANS];
  if (input.scale === "large") {
    const filler = largeScalePlans(input.seed, curatedTotals(EXPERIMENT_PLANS, MODEL_PLANS));
    experimentPlans.push(...filler.experimentPlans);
    modelPlans.push(...filler.modelPlans);
  }
  return buildScenario({ seed: input.seed, anchor: input.clock.anchor.getTime(), workspaceResourceId, experimentPlans, modelPlans });
}

class ScenarioRegistry implements MlflowRegistry {
  readonly scale: RegistryScale;
  readonly details: RunDetails;
  private readonly experimentList: readonly ExperimentRecord[];
  private readonly experimentById: Map<string, ExperimentRecord>;
  private readonly experimentByActiveName = new Map<string, ExperimentRecord>();
  private readonly runsInOrder: readonly RunRecord[];
  /** The most common search, every active run, needs no filtering pass over 100,000 runs. */
  private readonly activeRunsInOrder: readonly RunRecord[];
  private readonly runById: Map<string, RunRecord>;
  private readonly runsByExperiment: Map<string, RunRecord[]>;
  private readonly baseModels: readonly RegisteredModelRecord[];
  private readonly baseModelByName: Map<string, RegisteredModelRecord>;
  private readonly baseVersions: readonly ModelVersionRecord[];
  private readonly baseVersionsByModel: Map<string, ModelVersionRecord[]>;
  private readonly baseVersionByKey: Map<string, ModelVersionRecord>;
  private readonly changedModels = new ChangedRecords<RegisteredModelRecord>();
  private readonly changedVersions = new ChangedRecords<ModelVersionRecord>();
  private readonly edits = new RegistryEdits();

  private readonly clock: Clock;
  private readonly onChange: () => void;

  constructor(input: MlflowRegistryInput) {
    this.scale = input.scale;
    this.clock = input.clock;
    this.onChange = input.onChange ?? (() => {});
    this.details = new RunDetails(input.seed, input.clock.anchor.getTime());
    const data = scenarioFor(input);
    this.experimentList = data.experiments;
    this.experimentById = new Map(data.experiments.map((experiment) => [experiment.experimentId, experiment]));
    // Deleted ones first, so that an active experiment of the same name replaces them.
    for (const stage of ["deleted", "active"]) {
      for (const experiment of data.experiments) if (experiment.lifecycleStage === stage) this.experimentByActiveName.set(experiment.name, experiment);
    }
    this.runsInOrder = data.runs.sort(defaultRunOrder);
    this.runById = new Map(this.runsInOrder.map((run) => [run.runId, run]));
    if (this.runById.size !== this.runsInOrder.length) throw new Error("Generated run ids collide; the seed produced a duplicate.");
    this.runsByExperiment = groupBy(this.runsInOrder, (run) => run.experiment.experimentId);
    this.activeRunsInOrder = this.runsInOrder.filter((run) => run.lifecycleStage === "active");
    this.baseModels = data.models.sort((left, right) => (left.name < right.name ? -1 : 1));
    this.baseModelByName = new Map(this.baseModels.map((model) => [model.name, model]));
    this.baseVersions = data.versions;
    this.baseVersionsByModel = groupBy(data.versions, (version) => version.name);
    this.baseVersionByKey = new Map(data.versions.map((version) => [versionKey(version.name, version.version), version]));
  }

  reset(): void {
    this.changedModels.clear();
    this.changedVersions.clear();
    this.edits.clear();
  }

  changes(): RegistryChanges | undefined {
    return this.edits.toJson();
  }

  restore(changes: RegistryChanges): void {
    for (const model of changes.models) {
      if (!this.baseModelByName.has(model.name)) continue;
      for (const { key, value } of model.tags ?? []) {
        if (value === null) this.applyModelTagDeletion(model.name, key);
        else this.applyModelTag(model.name, key, value);
      }
      for (const { alias, version } of model.aliases ?? []) {
        if (version === null) this.applyAliasDeletion(model.name, alias);
        else if (this.baseVersionByKey.has(versionKey(model.name, version))) this.applyAlias(model.name, alias, version);
      }
    }
    for (const saved of changes.versions) {
      if (!this.baseVersionByKey.has(versionKey(saved.name, saved.version))) continue;
      for (const { key, value } of saved.tags ?? []) {
        if (value === null) this.applyVersionTagDeletion(saved.name, saved.version, key);
        else this.applyVersionTag(saved.name, saved.version, key, value);
      }
      if (saved.description) this.applyDescription(saved.name, saved.version, saved.description.value ?? undefined, saved.description.at);
    }
  }

  experiments(): { experimentId: string; name: string }[] {
    return this.experimentList.map(({ experimentId, name }) => ({ experimentId, name }));
  }

  counts(): RegistryCounts {
    return { experiments: this.experimentList.length, runs: this.runsInOrder.length, registeredModels: this.baseModels.length, modelVersions: this.baseVersions.length };
  }

  experimentRecords(): readonly ExperimentRecord[] {
    return this.experimentList;
  }

  experiment(experimentId: string): ExperimentRecord | undefined {
    return this.experimentById.get(experimentId);
  }

  experimentByName(name: string): ExperimentRecord | undefined {
    return this.experimentByActiveName.get(name);
  }

  run(runId: string): RunRecord | undefined {
    return this.runById.get(runId);
  }

  runsIn(experimentIds: readonly string[], stages?: ReadonlySet<LifecycleStage>, onlyRunIds?: readonly string[]): readonly RunRecord[] {
    const wanted = new Set(experimentIds.filter((experimentId) => this.experimentById.has(experimentId)));
    const anyStage = !stages || (stages.has("active") && stages.has("deleted"));
    const inStage = (run: RunRecord) => anyStage || stages.has(run.lifecycleStage);
    if (wanted.size === 0) return [];
    if (onlyRunIds) {
      const named = new Set(onlyRunIds.flatMap((runId) => this.runById.get(runId) ?? []));
      return [...named].filter((run) => wanted.has(run.experiment.experimentId) && inStage(run)).sort(defaultRunOrder);
    }
    if (wanted.size === 1) {
      const runs = this.runsByExperiment.get([...wanted][0]!) ?? [];
      return anyStage ? runs : runs.filter(inStage);
    }
    if (wanted.size === this.experimentList.length) {
      if (anyStage) return this.runsInOrder;
      if (stages.size === 1 && stages.has("active")) return this.activeRunsInOrder;
    }
    // Filtering the globally ordered list keeps the default order without sorting again.
    return this.runsInOrder.filter((run) => wanted.has(run.experiment.experimentId) && inStage(run));
  }

  private currentModel(base: RegisteredModelRecord): RegisteredModelRecord {
    return this.changedModels.read(base.name, base);
  }

  private currentVersion(base: ModelVersionRecord): ModelVersionRecord {
    return this.changedVersions.read(versionKey(base.name, base.version), base);
  }

  registeredModels(): readonly RegisteredModelRecord[] {
    return this.changedModels.size === 0 ? this.baseModels : this.baseModels.map((model) => this.currentModel(model));
  }

  registeredModel(name: string): RegisteredModelRecord | undefined {
    const base = this.baseModelByName.get(name);
    return base && this.currentModel(base);
  }

  modelVersions(): readonly ModelVersionRecord[] {
    return this.changedVersions.size === 0 ? this.baseVersions : this.baseVersions.map((version) => this.currentVersion(version));
  }

  versionsOf(name: string): readonly ModelVersionRecord[] {
    return (this.baseVersionsByModel.get(name) ?? []).map((version) => this.currentVersion(version));
  }

  modelVersion(name: string, version: string): ModelVersionRecord | undefined {
    const base = this.baseVersionByKey.get(versionKey(name, version));
    return base && this.currentVersion(base);
  }

  private changeModel(name: string, change: (model: RegisteredModelRecord) => RegisteredModelRecord): void {
    const base = this.baseModelByName.get(name);
    if (!base) throw new Error(`Registered model ${name} does not exist.`);
    this.changedModels.update(name, base, change);
  }

  private changeVersion(name: string, version: string, change: (record: ModelVersionRecord) => ModelVersionRecord): ModelVersionRecord {
    const key = versionKey(name, version);
    const base = this.baseVersionByKey.get(key);
    if (!base) throw new Error(`Model version ${name} ${version} does not exist.`);
    return this.changedVersions.update(key, base, change);
  }

  // Each change is applied to the overlay, recorded in the edits (what state.json keeps), then reported.
  private applyModelTag(name: string, key: string, value: string): void {
    this.changeModel(name, (model) => ({ ...model, tags: withTag(model.tags, key, value) }));
    this.edits.modelTag(name, key, value);
  }

  private applyModelTagDeletion(name: string, key: string): void {
    this.changeModel(name, (model) => ({ ...model, tags: withoutTag(model.tags, key) }));
    this.edits.modelTag(name, key, null);
  }

  private applyVersionTag(name: string, version: string, key: string, value: string): void {
    this.changeVersion(name, version, (record) => ({ ...record, tags: withTag(record.tags, key, value) }));
    this.edits.versionTag(versionKey(name, version), name, version, key, value);
  }

  private applyVersionTagDeletion(name: string, version: string, key: string): void {
    this.changeVersion(name, version, (record) => ({ ...record, tags: withoutTag(record.tags, key) }));
    this.edits.versionTag(versionKey(name, version), name, version, key, null);
  }

  private applyDescription(name: string, version: string, description: string | undefined, at: number): ModelVersionRecord {
    const updated = this.changeVersion(name, version, (record) => ({ ...record, description, lastUpdatedTimestamp: at }));
    this.edits.description(versionKey(name, version), name, version, description ?? null, at);
    return updated;
  }

  private applyAlias(name: string, alias: string, version: string): void {
    this.changeModel(name, (model) => ({ ...model, aliases: withAlias(model.aliases, alias, version) }));
    this.edits.alias(name, alias, version);
  }

  private applyAliasDeletion(name: string, alias: string): void {
    this.changeModel(name, (model) => ({ ...model, aliases: withoutAlias(model.aliases, alias) }));
    this.edits.alias(name, alias, null);
  }

  setRegisteredModelTag(name: string, key: string, value: string): void {
    this.applyModelTag(name, key, value);
    this.onChange();
  }

  deleteRegisteredModelTag(name: string, key: string): void {
    this.applyModelTagDeletion(name, key);
    this.onChange();
  }

  setModelVersionTag(name: string, version: string, key: string, value: string): void {
    this.applyVersionTag(name, version, key, value);
    this.onChange();
  }

  deleteModelVersionTag(name: string, version: string, key: string): void {
    this.applyVersionTagDeletion(name, version, key);
    this.onChange();
  }

  /** Like MLflow, an update stamps the version's last_updated_timestamp. */
  updateModelVersionDescription(name: string, version: string, description: string | undefined): ModelVersionRecord {
    const updated = this.applyDescription(name, version, description, this.clock.now().getTime());
    this.onChange();
    return updated;
  }

  setAlias(name: string, alias: string, version: string): void {
    this.applyAlias(name, alias, version);
    this.onChange();
  }

  deleteAlias(name: string, alias: string): void {
    this.applyAliasDeletion(name, alias);
    this.onChange();
  }
}

export function createMlflowRegistry(input: MlflowRegistryInput): MlflowRegistry {
  return new ScenarioRegistry(input);
}

export function registryStateSection(registry: MlflowRegistry): StateSection<RegistryChanges> {
  return { name: "mlflow", schema: registryChangesSchema, snapshot: () => registry.changes(), restore: (changes) => registry.restore(changes), reset: () => registry.reset() };
}
