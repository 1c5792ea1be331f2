// The telecom's hand-written tracking estate: who works there, where the code lives, and the
// experiments (in id order) with how many runs and sweeps each holds. Runs themselves are drawn
// from the seed by run-generator.ts.
import {
  anomalyProfile,
  classifierProfile,
  evaluationProfile,
  featurePipelineProfile,
  forecasterProfile,
  regressorProfile,
  type DatasetSpec,
  type TrainingProfile,
} from "./profiles";
import type { KeyValue, SourceRepository } from "./records";
import type { RunPlan, ScheduledTraining } from "./run-generator";

export const PEOPLE = {
  ana: "ana.silva@telco.example",
  bruno: "bruno.costa@telco.example",
  chen: "chen.wei@telco.example",
  dara: "dara.okafor@telco.example",
  elena: "elena.petrova@telco.example",
  farid: "farid.haddad@telco.example",
  grace: "grace.lee@telco.example",
  pipeline: "svc-mlops-pipeline@telco.example",
} as const;

export const TEAMMATES: readonly string[] = Object.values(PEOPLE);

/** An experiment and how its runs are drawn (standalone runs exclude sweeps and version runs). */
export interface ExperimentPlan extends RunPlan {
  readonly name: string;
  readonly profile: TrainingProfile;
  readonly repository: SourceRepository;
  readonly team: string;
  readonly note?: string;
}

const repository = (url: string, entryPoint: string, sourceType: SourceRepository["sourceType"], featureBranches: string[] = []): SourceRepository => ({
  url,
  entryPoint,
  sourceType,
  featureBranches,
});

const CHURN_COLUMNS: DatasetSpec["columns"] = [
  ["customer_id", "string"],
  ["tenure_months", "long"],
  ["monthly_charges", "double"],
  ["total_charges", "double"],
  ["contract_type", "string"],
  ["payment_method", "string"],
  ["data_usage_gb_30d", "double"],
  ["dropped_calls_30d", "long"],
  ["support_tickets_90d", "long"],
  ["num_lines", "long"],
  ["has_device_financing", "boolean"],
  ["region", "string"],
  ["churned_90d", "long"],
];
const FRAUD_COLUMNS: DatasetSpec["columns"] = [
  ["transaction_id", "string"],
  ["amount", "double"],
  ["merchant_category", "string"],
  ["card_present", "boolean"],
  ["hour_of_day", "long"],
  ["distance_from_home_km", "double"],
  ["txn_count_1h", "long"],
  ["sim_swap_7d", "boolean"],
  ["is_fraud", "long"],
];
const LTV_COLUMNS: DatasetSpec["columns"] = [
  ["customer_id", "string"],
  ["tenure_months", "long"],
  ["arpu_3m", "double"],
  ["plan_tier", "string"],
  ["household_lines", "long"],
  ["handset_price", "double"],
  ["churn_score", "double"],
  ["ltv_24m", "double"],
];
const NETWORK_COLUMNS: DatasetSpec["columns"] = [
  ["cell_id", "string"],
  ["window_start", "timestamp"],
  ["prb_utilisation", "double"],
  ["rrc_failures", "long"],
  ["handover_failures", "long"],
  ["throughput_mbps", "double"],
  ["alarm_count", "long"],
];
const SERIES_COLUMNS: DatasetSpec["columns"] = [
  ["ds", "timestamp"],
  ["y", "double"],
  ["region", "string"],
  ["is_holiday", "boolean"],
];
const OFFER_COLUMNS: DatasetSpec["columns"] = [
  ["customer_id", "string"],
  ["offer_id", "string"],
  ["channel", "string"],
  ["arpu_3m", "double"],
  ["days_since_last_offer", "long"],
  ["responded", "long"],
];
const USAGE_COLUMNS: DatasetSpec["columns"] = [
  ["subscriber_id", "string"],
  ["voice_minutes", "double"],
  ["data_mb", "double"],
  ["sms_count", "long"],
  ["roaming", "boolean"],
  ["event_date", "date"],
];

const CHURN_PROFILE = classifierProfile("xgboost", "churn_features", CHURN_COLUMNS, [0.79, 0.885]);
const FRAUD_PROFILE = classifierProfile("lightgbm", "fraud_transactions", FRAUD_COLUMNS, [0.885, 0.945]);
const LTV_PROFILE = regressorProfile("customer_value_features", LTV_COLUMNS);
const OFFER_PROFILE = classifierProfile("lightgbm", "offer_responses", OFFER_COLUMNS, [0.7, 0.79]);
const NETWORK_PROFILE = anomalyProfile("cell_kpis_15m", NETWORK_COLUMNS);

const CHURN_REPO = repository("https://github.com/telco-ml/churn-models", "pipelines/train_churn.py", "JOB", [
  "feat/tenure-buckets",
  "fix/total-charges-leakage",
  "exp/focal-loss",
]);

/**
 * The production models' retraining, every 3 days over the last 30: ten runs each, two of which
 * took longer than 2 h (2 h 20 min and 3 h 05 min); the rest take under 2 h, as every other run does.
 */
export const SCHEDULED_TRAINING = {
  churn_xgb: { experiment: "/Shared/churn/xgb-training", schedule: { everyDays: 3, runs: 10, overrunMinutes: { 1: 140, 5: 185 } } },
  fraud_lgbm: { experiment: "/Shared/fraud/lgbm-training", schedule: { everyDays: 3, runs: 10, overrunMinutes: { 2: 185, 6: 140 } } },
} as const satisfies Record<string, { experiment: string; schedule: ScheduledTraining }>;

/** In id order: "Default" is experiment 0, as on a fresh MLflow server. */
export const EXPERIMENT_PLANS: readonly ExperimentPlan[] = [
  {
    name: "Default",
    profile: classifierProfile("sklearn", "churn_features_sample", CHURN_COLUMNS, [0.74, 0.8]),
    repository: repository("https://github.com/telco-ml/sandbox", "scratch.py", "LOCAL"),
    owner: PEOPLE.chen,
    team: "ml-platform",
    createdDaysAgo: 420,
    standaloneRuns: 2,
    sweeps: [],
  },
  {
    name: "/Shared/churn/xgb-training",
    profile: CHURN_PROFILE,
    repository: CHURN_REPO,
    owner: PEOPLE.ana,
    team: "retention-analytics",
    createdDaysAgo: 400,
    standaloneRuns: 32,
    sweeps: [],
    scheduledTraining: SCHEDULED_TRAINING.churn_xgb.schedule,
    note: "Production training pipeline for **churn_xgb**. Every registered version comes from a run here.",
  },
  {
    name: "/Shared/churn/hyperparameter-sweeps",
    profile: CHURN_PROFILE,
    repository: { ...CHURN_REPO, entryPoint: "pipelines/sweep_churn.py" },
    owner: PEOPLE.bruno,
    team: "retention-analytics",
    createdDaysAgo: 380,
    standaloneRuns: 0,
    sweeps: [12, 12, 10, 14],
  },
  {
    name: "/Shared/churn/feature-selection",
    profile: CHURN_PROFILE,
    repository: repository("https://github.com/telco-ml/churn-models", "notebooks/churn/feature_selection.ipynb", "NOTEBOOK"),
    owner: PEOPLE.bruno,
    team: "retention-analytics",
    createdDaysAgo: 350,
    standaloneRuns: 20,
    sweeps: [],
  },
  {
    name: "/Shared/churn/fairness-audits",
    profile: evaluationProfile("churn_features_holdout", CHURN_COLUMNS),
    repository: repository("https://github.com/telco-ml/responsible-ai", "audits/run_fairness_audit.py", "JOB"),
    owner: PEOPLE.grace,
    team: "responsible-ai",
    createdDaysAgo: 300,
    standaloneRuns: 16,
    sweeps: [],
  },
  {
    name: "/Shared/fraud/lgbm-training",
    profile: FRAUD_PROFILE,
    repository: repository("https://github.com/telco-ml/fraud-detection", "train/train_lgbm.py", "JOB", ["feat/merchant-embeddings", "fix/label-delay"]),
    owner: PEOPLE.dara,
    team: "fraud-analytics",
    createdDaysAgo: 390,
    standaloneRuns: 25,
    sweeps: [],
    scheduledTraining: SCHEDULED_TRAINING.fraud_lgbm.schedule,
  },
  {
    name: "/Shared/fraud/sweeps",
    profile: FRAUD_PROFILE,
    repository: repository("https://github.com/telco-ml/fraud-detection", "train/sweep_lgbm.py", "JOB"),
    owner: PEOPLE.dara,
    team: "fraud-analytics",
    createdDaysAgo: 330,
    standaloneRuns: 0,
    sweeps: [10, 10, 10],
  },
  {
    name: "/Shared/fraud/threshold-tuning",
    profile: FRAUD_PROFILE,
    repository: repository("https://github.com/telco-ml/fraud-detection", "notebooks/threshold_tuning.ipynb", "NOTEBOOK"),
    owner: PEOPLE.farid,
    team: "fraud-analytics",
    createdDaysAgo: 200,
    standaloneRuns: 12,
    sweeps: [],
  },
  {
    name: "/Shared/ltv/regressor-training",
    profile: LTV_PROFILE,
    repository: repository("https://github.com/telco-ml/customer-value", "ltv/train.py", "PROJECT", ["feat/household-rollup"]),
    owner: PEOPLE.elena,
    team: "customer-value",
    createdDaysAgo: 360,
    standaloneRuns: 20,
    sweeps: [],
  },
  {
    name: "/Shared/ltv/sweeps",
    profile: LTV_PROFILE,
    repository: repository("https://github.com/telco-ml/customer-value", "ltv/sweep.py", "PROJECT"),
    owner: PEOPLE.elena,
    team: "customer-value",
    createdDaysAgo: 250,
    standaloneRuns: 0,
    sweeps: [10, 10],
  },
  {
    name: "/Shared/feature-eng/customer-360",
    profile: featurePipelineProfile("crm_events", "customer_360", CHURN_COLUMNS),
    repository: repository("https://github.com/telco-ml/feature-store", "jobs/customer_360.py", "JOB"),
    owner: PEOPLE.pipeline,
    team: "data-platform",
    createdDaysAgo: 240,
    standaloneRuns: 30,
    sweeps: [],
    nightly: { backfillRunning: true },
  },
  {
    name: "/Shared/feature-eng/usage-aggregates",
    profile: featurePipelineProfile("cdr_usage", "usage_aggregates_30d", USAGE_COLUMNS),
    repository: repository("https://github.com/telco-ml/feature-store", "jobs/usage_aggregates.py", "JOB"),
    owner: PEOPLE.pipeline,
    team: "data-platform",
    createdDaysAgo: 240,
    standaloneRuns: 30,
    sweeps: [],
    nightly: { failingNights: 3 },
  },
  {
    name: "/Shared/network/anomaly-detection",
    profile: NETWORK_PROFILE,
    repository: repository("https://github.com/telco-ml/network-ai", "anomaly/train_iforest.py", "JOB"),
    owner: PEOPLE.farid,
    team: "network-analytics",
    createdDaysAgo: 280,
    standaloneRuns: 15,
    sweeps: [],
  },
  {
    name: "/Shared/network/capacity-forecast",
    profile: forecasterProfile("busy_hour_traffic", SERIES_COLUMNS),
    repository: repository("https://github.com/telco-ml/network-ai", "forecast/capacity.py", "JOB"),
    owner: PEOPLE.farid,
    team: "network-analytics",
    createdDaysAgo: 200,
    standaloneRuns: 13,
    sweeps: [],
  },
  {
    name: "/Shared/marketing/next-best-offer",
    profile: OFFER_PROFILE,
    repository: repository("https://github.com/telco-ml/next-best-offer", "train.py", "JOB"),
    owner: PEOPLE.chen,
    team: "marketing-science",
    createdDaysAgo: 230,
    standaloneRuns: 17,
    sweeps: [],
  },
  {
    name: "/Shared/care/call-volume-forecast",
    profile: forecasterProfile("care_call_volume", SERIES_COLUMNS),
    repository: repository("https://github.com/telco-ml/care-forecasting", "forecast_calls.py", "LOCAL"),
    owner: PEOPLE.grace,
    team: "customer-care",
    createdDaysAgo: 190,
    standaloneRuns: 9,
    sweeps: [],
  },
  {
    name: `/Users/${PEOPLE.ana}/churn-scratch`,
    profile: CHURN_PROFILE,
    repository: repository("https://github.com/telco-ml/churn-models", "notebooks/scratch/ana_experiments.ipynb", "NOTEBOOK"),
    owner: PEOPLE.ana,
    team: "retention-analytics",
    createdDaysAgo: 90,
    standaloneRuns: 8,
    sweeps: [],
    deletedRuns: 2,
  },
  {
    name: "/Shared/churn/legacy-logreg",
    profile: classifierProfile("sklearn", "churn_features_v1", CHURN_COLUMNS, [0.72, 0.79]),
    repository: repository("https://github.com/telco-ml/churn-models", "legacy/train_logreg.py", "LOCAL"),
    owner: PEOPLE.ana,
    team: "retention-analytics",
    createdDaysAgo: 410,
    standaloneRuns: 10,
    sweeps: [],
    deleted: true,
    note: "Superseded by `/Shared/churn/xgb-training`.",
  },
];

export function experimentTags(plan: ExperimentPlan): KeyValue[] {
  const tags: KeyValue[] = [
    { key: "team", value: plan.team },
    { key: "owner", value: plan.owner },
  ];
  if (plan.note) tags.push({ key: "mlflow.note.content", value: plan.note });
  return tags;
}
