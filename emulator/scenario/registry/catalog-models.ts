// The registered models the demo story is about. Policy numbers are fixed here, not drawn, so the
// story holds for every seed: churn_xgb v7 beats the champion v6 by more than 0.01 AUC and passes
// every rule; v8 beats it too but fails fairness; v3 predates the explainability check and has no
// shap_drift. One model description and one run name carry an HTML payload that must render as text.
import { PEOPLE } from "./catalog-experiments";
import type { ModelStage, VersionStatus } from "./records";

/** Inline HTML that a Markdown renderer must not execute: window.__stagegateXss stays unset. */
export const XSS_DESCRIPTION_PAYLOAD = `<script>window.__stagegateXss=1</script><img src=x onerror="window.__stagegateXss=2">`;
export const XSS_RUN_NAME = `churn-xgb-retrain <img src=x onerror="window.__stagegateXss=3">`;

export interface VersionPlan {
  readonly createdDaysAgo: number;
  readonly runName: string;
  /** Overrides of the drawn metrics; null means the run never logged that metric. */
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly description?: string;
  readonly stage?: ModelStage;
  readonly status?: VersionStatus;
  readonly statusMessage?: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** "logged-model": an MLflow 3 `models:/m-…` source; otherwise `runs:/<run_id>/model`. */
  readonly source: "run" | "logged-model";
  readonly userId: string;
}

export interface ModelPlan {
  readonly name: string;
  /** Name of the experiment (in EXPERIMENT_PLANS) whose runs produced the versions. */
  readonly experiment: string;
  readonly owner: string;
  readonly description?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly aliases: Readonly<Record<string, string>>;
  readonly versions: readonly VersionPlan[];
}

const policy = (auc: number, fairness: number, robustness: number, shapDrift: number | null) => ({
  auc,
  fairness_dp_diff: fairness,
  robustness_score: robustness,
  shap_drift: shapDrift,
});

const CHURN_DESCRIPTION = `## Churn propensity (XGBoost)

Scores every postpaid subscriber nightly with the probability of leaving in the next **90 days**.
Retention campaigns target the top two deciles.

- **Features:** \`gold.churn_features\` (Delta), refreshed nightly by \`/Shared/feature-eng/customer-360\`
- **Label:** \`churned_90d\` (port-out or contract termination)
- **Owner:** retention analytics, on call in \`#ml-churn\`

${XSS_DESCRIPTION_PAYLOAD}

See the [model card](https://wiki.telco.example/ml/churn-xgb) for fairness groups and known limits.`;

const validated = (status: string, framework: string) => ({ validation_status: status, framework });

export const MODEL_PLANS: readonly ModelPlan[] = [
  {
    name: "churn_xgb",
    experiment: "/Shared/churn/xgb-training",
    owner: PEOPLE.ana,
    description: CHURN_DESCRIPTION,
    tags: { team: "retention-analytics", domain: "churn", cost_center: "CC-4410", pii: "pseudonymised" },
    aliases: { champion: "6" },
    versions: [
      {
        createdDaysAgo: 330,
        runName: "churn-xgb-baseline",
        metrics: policy(0.812, 0.071, 0.951, 0.121),
        source: "run",
        userId: PEOPLE.ana,
        stage: "Archived",
        tags: validated("passed", "xgboost==1.7.6"),
        description: "First XGBoost baseline replacing the logistic regression.",
      },
      {
        createdDaysAgo: 290,
        runName: "churn-xgb-tenure-buckets",
        metrics: policy(0.826, 0.069, 0.955, 0.104),
        source: "run",
        userId: PEOPLE.bruno,
        stage: "Archived",
        tags: validated("passed", "xgboost==1.7.6"),
        description: "Adds tenure buckets and contract-type interactions.",
      },
      {
        createdDaysAgo: 240,
        runName: "churn-xgb-contract-features",
        metrics: policy(0.834, 0.081, 0.958, null),
        source: "run",
        userId: PEOPLE.ana,
        stage: "Archived",
        tags: validated("passed", "xgboost==2.0.3"),
        description: "Registered before the explainability drift check existed: no `shap_drift` was logged.",
      },
      {
        createdDaysAgo: 190,
        runName: "churn-xgb-usage-30d",
        metrics: policy(0.842, 0.064, 0.962, 0.092),
        source: "run",
        userId: PEOPLE.bruno,
        stage: "Archived",
        tags: validated("passed", "xgboost==2.0.3"),
      },
      {
        createdDaysAgo: 140,
        runName: XSS_RUN_NAME,
        metrics: policy(0.853, 0.058, 0.966, 0.083),
        source: "run",
        userId: PEOPLE.ana,
        stage: "Archived",
        tags: validated("passed", "xgboost==2.0.3"),
        description: "Quarterly retrain on the refreshed feature table.",
      },
      {
        createdDaysAgo: 70,
        runName: "churn-xgb-quarterly-retrain",
        metrics: policy(0.861, 0.052, 0.971, 0.074),
        source: "logged-model",
        userId: PEOPLE.ana,
        stage: "Production",
        tags: validated("passed", "xgboost==2.1.1"),
        description: "Current **champion**. Serves 100% of `churn-endpoint` through deployment `blue`.",
      },
      {
        createdDaysAgo: 17,
        runName: "churn-xgb-device-financing",
        metrics: policy(0.874, 0.047, 0.976, 0.069),
        source: "logged-model",
        userId: PEOPLE.bruno,
        tags: validated("passed", "xgboost==2.1.1"),
        description: "Adds device-financing features (`has_device_financing`, `handset_price`).\n\n- holdout AUC up by 0.013 on v6\n- deployed as `green` on `churn-endpoint` at 0%, evaluated in shadow on copies of 20% of its requests",
      },
      {
        createdDaysAgo: 1,
        runName: "churn-xgb-focal-loss",
        metrics: policy(0.883, 0.137, 0.969, 0.088),
        source: "logged-model",
        userId: PEOPLE.bruno,
        tags: validated("needs_review", "xgboost==2.1.1"),
        description: "Focal loss on the minority class. **Check fairness** before promoting: the demographic-parity gap widened.",
      },
    ],
  },
  {
    name: "fraud_lgbm",
    experiment: "/Shared/fraud/lgbm-training",
    owner: PEOPLE.dara,
    description: "## Card-not-present fraud (LightGBM)\n\nReal-time score for top-up and e-shop card payments. Threshold tuned for **1% FPR**.",
    tags: { team: "fraud-analytics", domain: "fraud", cost_center: "CC-4520", latency_budget_ms: "40" },
    aliases: { champion: "4" },
    versions: [
      {
        createdDaysAgo: 260,
        runName: "fraud-lgbm-baseline",
        metrics: policy(0.902, 0.044, 0.957, 0.098),
        source: "run",
        userId: PEOPLE.dara,
        tags: validated("passed", "lightgbm==4.1.0"),
      },
      {
        createdDaysAgo: 200,
        runName: "fraud-lgbm-velocity-features",
        metrics: policy(0.915, 0.041, 0.961, 0.091),
        source: "run",
        userId: PEOPLE.farid,
        tags: validated("passed", "lightgbm==4.1.0"),
      },
      {
        createdDaysAgo: 130,
        runName: "fraud-lgbm-sim-swap",
        metrics: policy(0.921, 0.046, 0.964, 0.087),
        source: "run",
        userId: PEOPLE.dara,
        stage: "Archived",
        tags: validated("passed", "lightgbm==4.3.0"),
      },
      {
        createdDaysAgo: 50,
        runName: "fraud-lgbm-merchant-embeddings",
        metrics: policy(0.934, 0.039, 0.972, 0.071),
        source: "logged-model",
        userId: PEOPLE.dara,
        stage: "Production",
        tags: validated("passed", "lightgbm==4.3.0"),
        description: "Champion, served by `fraud-endpoint` deployment `main`.",
      },
      {
        createdDaysAgo: 8,
        runName: "fraud-lgbm-label-delay-fix",
        metrics: policy(0.939, 0.043, 0.968, 0.079),
        source: "logged-model",
        userId: PEOPLE.farid,
        tags: validated("passed", "lightgbm==4.5.0"),
        description: "Corrects label delay; AUC gain over v4 is below the promotion margin.",
      },
    ],
  },
  {
    name: "ltv_regressor",
    experiment: "/Shared/ltv/regressor-training",
    owner: PEOPLE.elena,
    description: "## Customer lifetime value (24 months)\n\nPredicts gross margin per customer over 24 months; used to size retention offers.",
    tags: { team: "customer-value", domain: "ltv", cost_center: "CC-4610" },
    aliases: { champion: "3", challenger: "4" },
    versions: [
      { createdDaysAgo: 220, runName: "ltv-xgb-baseline", metrics: { rmse: 441.37, mae: 287.9, r2: 0.612 }, source: "run", userId: PEOPLE.elena },
      { createdDaysAgo: 150, runName: "ltv-xgb-household-rollup", metrics: { rmse: 409.82, mae: 262.41, r2: 0.664 }, source: "run", userId: PEOPLE.elena },
      {
        createdDaysAgo: 90,
        runName: "ltv-xgb-huber",
        metrics: { rmse: 389.15, mae: 241.07, r2: 0.703 },
        source: "logged-model",
        userId: PEOPLE.elena,
        tags: validated("passed", "xgboost==2.1.1"),
      },
      {
        createdDaysAgo: 12,
        runName: "ltv-xgb-churn-score-input",
        metrics: { rmse: 377.6, mae: 233.84, r2: 0.728 },
        source: "logged-model",
        userId: PEOPLE.chen,
        tags: validated("passed", "xgboost==2.1.1"),
      },
    ],
  },
  {
    name: "network_anomaly_iforest",
    experiment: "/Shared/network/anomaly-detection",
    owner: PEOPLE.farid,
    description: "Isolation forest over 15-minute cell KPIs; raises tickets for the NOC.",
    tags: { team: "network-analytics", domain: "network" },
    aliases: { champion: "2" },
    versions: [
      { createdDaysAgo: 180, runName: "iforest-cell-kpis", metrics: {}, source: "run", userId: PEOPLE.farid },
      { createdDaysAgo: 100, runName: "iforest-with-alarms", metrics: {}, source: "run", userId: PEOPLE.farid },
      { createdDaysAgo: 20, runName: "iforest-512-samples", metrics: {}, source: "logged-model", userId: PEOPLE.farid },
    ],
  },
  {
    name: "capacity_forecast_prophet",
    experiment: "/Shared/network/capacity-forecast",
    owner: PEOPLE.farid,
    tags: { team: "network-analytics", domain: "capacity" },
    aliases: { champion: "2" },
    versions: [
      { createdDaysAgo: 120, runName: "prophet-busy-hour", metrics: {}, source: "run", userId: PEOPLE.farid },
      { createdDaysAgo: 40, runName: "prophet-busy-hour-holidays", metrics: {}, source: "logged-model", userId: PEOPLE.farid },
    ],
  },
  {
    name: "next_best_offer_lgbm",
    experiment: "/Shared/marketing/next-best-offer",
    owner: PEOPLE.chen,
    description: "Ranks retention and upsell offers per customer and channel.",
    tags: { team: "marketing-science", domain: "marketing" },
    aliases: { champion: "2", challenger: "3" },
    versions: [
      { createdDaysAgo: 160, runName: "nbo-lgbm-baseline", metrics: policy(0.741, 0.058, 0.953, 0.112), source: "run", userId: PEOPLE.chen },
      { createdDaysAgo: 75, runName: "nbo-lgbm-channel-features", metrics: policy(0.756, 0.061, 0.958, 0.101), source: "run", userId: PEOPLE.chen },
      {
        createdDaysAgo: 25,
        runName: "nbo-lgbm-recency",
        metrics: policy(0.768, 0.066, 0.942, 0.097),
        source: "logged-model",
        userId: PEOPLE.chen,
        description: "Better ranking, but the robustness score fell below 0.95.",
      },
    ],
  },
  {
    name: "call_volume_prophet",
    experiment: "/Shared/care/call-volume-forecast",
    owner: PEOPLE.grace,
    tags: { team: "customer-care", domain: "care" },
    aliases: { champion: "2" },
    versions: [
      { createdDaysAgo: 140, runName: "calls-prophet-daily", metrics: {}, source: "run", userId: PEOPLE.grace },
      { createdDaysAgo: 60, runName: "calls-prophet-holidays", metrics: {}, source: "run", userId: PEOPLE.grace },
      {
        createdDaysAgo: 3,
        runName: "calls-prophet-hourly",
        metrics: {},
        source: "logged-model",
        userId: PEOPLE.grace,
        status: "FAILED_REGISTRATION",
        statusMessage: "Artifact copy failed: AuthorizationPermissionMismatch writing to the workspace blob store.",
      },
    ],
  },
];
