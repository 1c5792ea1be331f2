// EMULATOR_SCALE=large: the curated estate plus generated filler up to exactly 2,000 registered
// models, 20,000 versions, 100,000 runs (in 200 experiments). Filler is planned from the seed
// with the same plan types as the curated catalog, so one builder serves both scales.
import { SeededRandom } from "../random";
import { TEAMMATES, type ExperimentPlan } from "./catalog-experiments";
import type { ModelPlan, VersionPlan } from "./catalog-models";
import {
  anomalyProfile,
  classifierProfile,
  forecasterProfile,
  regressorProfile,
  type DatasetSpec,
  type TrainingProfile,
} from "./profiles";
import type { VersionStatus } from "./records";

export const LARGE_SCALE_TOTALS = { experiments: 200, runs: 100_000, registeredModels: 2_000, modelVersions: 20_000 } as const;

const DOMAINS = [
  "roaming", "billing_dispute", "network_outage", "handset_upgrade", "plan_migration", "payment_default", "tower_failure",
  "sms_spam", "port_out", "data_overage", "store_footfall", "esim_activation", "fiber_install", "iot_fleet", "call_drop",
  "complaint_routing", "credit_limit", "bundle_uptake", "field_dispatch", "invoice_shock",
];

const GENERIC_COLUMNS: DatasetSpec["columns"] = [
  ["customer_id", "string"],
  ["tenure_months", "long"],
  ["arpu_3m", "double"],
  ["region", "string"],
  ["events_30d", "long"],
  ["label", "long"],
];

const ALGORITHMS: readonly { readonly algo: string; readonly profile: (table: string) => TrainingProfile }[] = [
  { algo: "xgb", profile: (table) => classifierProfile("xgboost", table, GENERIC_COLUMNS, [0.7, 0.9]) },
  { algo: "lgbm", profile: (table) => classifierProfile("lightgbm", table, GENERIC_COLUMNS, [0.72, 0.91]) },
  { algo: "rf", profile: (table) => classifierProfile("sklearn", table, GENERIC_COLUMNS, [0.68, 0.86]) },
  { algo: "gbr", profile: (table) => regressorProfile(table, GENERIC_COLUMNS) },
  { algo: "prophet", profile: (table) => forecasterProfile(table, GENERIC_COLUMNS) },
  { algo: "iforest", profile: (table) => anomalyProfile(table, GENERIC_COLUMNS) },
];

const DESCRIPTIONS = [
  "Weekly retrain on the latest **gold** snapshot.",
  "Candidate with recalibrated probabilities (`isotonic`).",
  "Adds 30-day usage aggregates.\n\n- owner review pending",
  "Hotfix: drops a leaking feature found in the audit.",
];

export interface CuratedTotals {
  readonly experiments: number;
  readonly runs: number;
  readonly registeredModels: number;
  readonly modelVersions: number;
}

/** Runs an experiment plan produces, counting the source runs of `versions` registered versions. */
function plannedRunCount(plan: ExperimentPlan, versions: number): number {
  return plan.standaloneRuns + plan.sweeps.reduce((sum, children) => sum + 1 + children, 0) + (plan.scheduledTraining?.runs ?? 0) + versions;
}

/** What the curated catalog already holds, so the filler tops it up to the exact totals. */
export function curatedTotals(experimentPlans: readonly ExperimentPlan[], modelPlans: readonly ModelPlan[]): CuratedTotals {
  const versionsIn = (experiment: string) => modelPlans.filter((model) => model.experiment === experiment).reduce((sum, model) => sum + model.versions.length, 0);
  return {
    experiments: experimentPlans.length,
    runs: experimentPlans.reduce((sum, plan) => sum + plannedRunCount(plan, versionsIn(plan.name)), 0),
    registeredModels: modelPlans.length,
    modelVersions: modelPlans.reduce((sum, model) => sum + model.versions.length, 0),
  };
}

/** `total` split into `parts` near-equal integers that sum exactly to it. */
function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0));
}

/** Version counts around the mean (1 to 19), in pairs that cancel out so the sum stays exact. */
function versionCounts(random: SeededRandom, total: number, models: number): number[] {
  const counts = split(total, models);
  for (let index = 0; index + 1 < models; index += 2) {
    const swing = random.int(0, Math.min(counts[index]!, counts[index + 1]!) - 1);
    counts[index]! += swing;
    counts[index + 1]! -= swing;
  }
  return counts;
}

function fillerVersions(random: SeededRandom, count: number, experimentAgeDays: number): VersionPlan[] {
  const span = experimentAgeDays - 2;
  return Array.from({ length: count }, (_, index) => {
    const failed = index === count - 1 && random.chance(0.02);
    const status: VersionStatus = failed ? "FAILED_REGISTRATION" : "READY";
    return {
      createdDaysAgo: Math.max(1, Math.round(experimentAgeDays - ((index + 1) * span) / (count + 1))),
      runName: `train-v${index + 1}`,
      metrics: {},
      source: index >= count - 3 ? "logged-model" : "run",
      userId: random.pick(TEAMMATES),
      status,
      statusMessage: failed ? "Artifact copy timed out." : undefined,
      description: random.chance(0.4) ? random.pick(DESCRIPTIONS) : undefined,
      tags: { validation_status: random.pick(["passed", "passed", "passed", "failed", "pending"]) },
    };
  });
}

function fillerAliases(random: SeededRandom, versions: readonly VersionPlan[]): Record<string, string> {
  const ready = versions.flatMap((plan, index) => (plan.status === "READY" ? [String(index + 1)] : []));
  const aliases: Record<string, string> = {};
  if (ready.length >= 2 && random.chance(0.8)) aliases.champion = ready.at(-2)!;
  else if (ready.length === 1) aliases.champion = ready[0]!;
  if (ready.length >= 3 && random.chance(0.25)) aliases.challenger = ready.at(-1)!;
  return aliases;
}

export function largeScalePlans(seed: string, curated: CuratedTotals): { experimentPlans: ExperimentPlan[]; modelPlans: ModelPlan[] } {
  const random = new SeededRandom(seed, "large-scale");
  const experimentCount = LARGE_SCALE_TOTALS.experiments - curated.experiments;
  const modelCount = LARGE_SCALE_TOTALS.registeredModels - curated.registeredModels;
  const counts = versionCounts(random, LARGE_SCALE_TOTALS.modelVersions - curated.modelVersions, modelCount);
  const shapes = Array.from({ length: experimentCount }, (_, index) => {
    const domain = DOMAINS[index % DOMAINS.length]!;
    const algorithm = ALGORITHMS[Math.floor(index / DOMAINS.length) % ALGORITHMS.length]!;
    return { domain, algorithm, ageDays: random.int(200, 700), name: `/Shared/${domain}/${algorithm.algo}-models-${String(index).padStart(3, "0")}` };
  });
  const versionsPerExperiment = new Array<number>(experimentCount).fill(0);
  const modelPlans: ModelPlan[] = counts.map((count, index) => {
    const experimentIndex = index % experimentCount;
    const shape = shapes[experimentIndex]!;
    versionsPerExperiment[experimentIndex]! += count;
    const versions = fillerVersions(random, count, shape.ageDays);
    return {
      name: `${shape.domain}_${shape.algorithm.algo}_${String(index).padStart(4, "0")}`,
      experiment: shape.name,
      owner: random.pick(TEAMMATES),
      description: random.chance(0.5) ? `Scores **${shape.domain.replaceAll("_", " ")}** risk for the ${shape.domain} programme.` : undefined,
      tags: { team: `${shape.domain.replaceAll("_", "-")}-analytics`, domain: shape.domain },
      aliases: fillerAliases(random, versions),
      versions,
    };
  });
  const runQuotas = split(LARGE_SCALE_TOTALS.runs - curated.runs, experimentCount);
  const experimentPlans = shapes.map((shape, index): ExperimentPlan => {
    const sweeps = index % 3 === 0 ? [15, 15] : [];
    const planned: ExperimentPlan = {
      name: shape.name,
      profile: shape.algorithm.profile(`${shape.domain}_features`),
      repository: { url: `https://github.com/telco-ml/${shape.domain.replaceAll("_", "-")}`, entryPoint: "train.py", sourceType: "JOB", featureBranches: ["feat/new-features"] },
      owner: random.pick(TEAMMATES),
      team: `${shape.domain.replaceAll("_", "-")}-analytics`,
      createdDaysAgo: shape.ageDays,
      standaloneRuns: 0,
      sweeps,
    };
    const standaloneRuns = runQuotas[index]! - plannedRunCount(planned, versionsPerExperiment[index]!);
    if (standaloneRuns < 0) throw new Error(`Large scale: experiment ${shape.name} cannot hold its ${versionsPerExperiment[index]} version runs.`);
    return { ...planned, standaloneRuns };
  });
  return { experimentPlans, modelPlans };
}
