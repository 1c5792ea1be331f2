// What a kind of run logs: its params, final metrics, per-epoch metrics and the Delta tables it
// reads. Metrics are drawn from a run's latent "quality" in [0, 1] so that related numbers move
// together (a run with a high AUC also has a high F1 and a low log loss).
import type { SeededRandom } from "../random";

export type ProfileKind = "classifier" | "regressor" | "forecaster" | "anomaly" | "evaluation" | "feature-pipeline";

export interface ParamSpec {
  readonly key: string;
  readonly draw: (random: SeededRandom) => string;
}

export interface MetricSpec {
  readonly key: string;
  readonly draw: (random: SeededRandom, quality: number) => number;
}

/** A metric logged once per epoch; the stored value is the last step's, the curve starts at `initial`. */
export interface HistorySpec extends MetricSpec {
  readonly initial: number;
}

export interface DatasetSpec {
  readonly name: string;
  /** Delta table path in the lake. */
  readonly path: string;
  readonly context: "training" | "eval" | "source";
  readonly columns: readonly (readonly [name: string, type: string])[];
  readonly rows: number;
  /** Table versions committed per day: a run reads the version current at its start. */
  readonly versionsPerDay: number;
}

interface ProfileSpec {
  readonly kind: ProfileKind;
  /** MLflow flavor of the logged model (also names the framework in tags). */
  readonly flavor: string;
  readonly durationMinutes: readonly [number, number];
  readonly epochs: readonly [number, number];
  readonly params: readonly ParamSpec[];
  readonly metrics: readonly MetricSpec[];
  readonly history: readonly HistorySpec[];
  readonly datasets: readonly DatasetSpec[];
  /** The metric a sweep optimises; its parent logs `best_<key>`. */
  readonly objective: { readonly key: string; readonly higherIsBetter: boolean };
}

export interface TrainingProfile extends ProfileSpec {
  /** Key lists shared by every run of the profile, so runs store only their values. */
  readonly keys: {
    readonly params: readonly string[];
    /** A finished run logged its per-epoch metrics, then its final ones. */
    readonly finishedMetrics: readonly string[];
    /** A run that stopped early logged only per-epoch metrics. */
    readonly partialMetrics: readonly string[];
  };
}

function profile(spec: ProfileSpec): TrainingProfile {
  const partialMetrics = spec.history.map((history) => history.key);
  return {
    ...spec,
    keys: {
      params: spec.params.map((param) => param.key),
      finishedMetrics: [...partialMetrics, ...spec.metrics.map((metric) => metric.key)],
      partialMetrics,
    },
  };
}

const LAKE_ROOT = "abfss://lake@telcodata.dfs.core.windows.net";

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

// Param values are picked from prepared strings, so 100,000 runs share a few hundred strings.
const pick = (key: string, values: readonly string[]): ParamSpec => ({ key, draw: (random) => random.pick(values) });
const fixed = (key: string, value: string): ParamSpec => pick(key, [value]);
const integer = (key: string, min: number, max: number): ParamSpec => pick(key, Array.from({ length: max - min + 1 }, (_, index) => String(min + index)));
const decimal = (key: string, min: number, max: number, decimals: number): ParamSpec => {
  const step = 10 ** -decimals;
  const count = Math.round((max - min) / step) + 1;
  return pick(key, Array.from({ length: count }, (_, index) => String(round(min + index * step, decimals))));
};

/** A metric that moves from `worst` (quality 0) to `best` (quality 1), with a little noise. */
function scored(key: string, worst: number, best: number, decimals = 4, noise = 0.01): MetricSpec {
  return {
    key,
    draw: (random, quality) => {
      const low = Math.min(worst, best);
      const high = Math.max(worst, best);
      const value = worst + (best - worst) * quality + random.normal(0, noise * Math.abs(best - worst));
      return round(Math.min(high, Math.max(low, value)), decimals);
    },
  };
}

/** A metric independent of quality, uniform in a range. */
const spread = (key: string, min: number, max: number, decimals = 4): MetricSpec => ({
  key,
  draw: (random) => round(random.between(min, max), decimals),
});

const perEpoch = (metric: MetricSpec, initial: number): HistorySpec => ({ ...metric, initial });

/** The promotion policy's metrics; wide enough ranges that some generated runs fail a rule. */
const POLICY_METRICS: readonly MetricSpec[] = [
  spread("fairness_dp_diff", 0.025, 0.135),
  spread("robustness_score", 0.935, 0.99),
  spread("shap_drift", 0.035, 0.19),
];

function deltaTable(
  layer: "bronze" | "silver" | "gold",
  name: string,
  context: DatasetSpec["context"],
  columns: DatasetSpec["columns"],
  rows: number,
  versionsPerDay = 1,
): DatasetSpec {
  return { name, path: `${LAKE_ROOT}/${layer}/${name}`, context, columns, rows, versionsPerDay };
}

const TREE_PARAMS = {
  xgboost: [
    pick("learning_rate", ["0.01", "0.03", "0.05", "0.1", "0.2"]),
    integer("max_depth", 3, 10),
    pick("n_estimators", ["200", "300", "400", "600", "800", "1000"]),
    decimal("subsample", 0.6, 1, 2),
    decimal("colsample_bytree", 0.5, 1, 2),
    integer("min_child_weight", 1, 10),
    fixed("objective", "binary:logistic"),
    fixed("tree_method", "hist"),
  ],
  lightgbm: [
    pick("learning_rate", ["0.01", "0.02", "0.05", "0.1"]),
    pick("num_leaves", ["31", "63", "127", "255"]),
    pick("n_estimators", ["300", "500", "800", "1200"]),
    decimal("feature_fraction", 0.5, 1, 2),
    decimal("bagging_fraction", 0.6, 1, 2),
    integer("min_child_samples", 10, 100),
    fixed("objective", "binary"),
  ],
  sklearn: [
    pick("n_estimators", ["100", "200", "400"]),
    integer("max_depth", 4, 16),
    pick("class_weight", ["balanced", "none"]),
    integer("random_state", 1, 99),
  ],
} satisfies Record<string, readonly ParamSpec[]>;

export function classifierProfile(flavor: keyof typeof TREE_PARAMS, features: string, columns: DatasetSpec["columns"], auc: readonly [number, number]): TrainingProfile {
  return profile({
    kind: "classifier",
    flavor,
    durationMinutes: [12, 95],
    epochs: [8, 24],
    params: TREE_PARAMS[flavor],
    metrics: [
      scored("auc", auc[0], auc[1]),
      scored("accuracy", 0.78, 0.91),
      scored("precision", 0.52, 0.74),
      scored("recall", 0.48, 0.71),
      scored("f1", 0.5, 0.72),
      scored("log_loss", 0.48, 0.29),
      ...POLICY_METRICS,
    ],
    history: [perEpoch(scored("train_logloss", 0.42, 0.21), 0.693), perEpoch(scored("val_auc", auc[0] - 0.01, auc[1] - 0.005), 0.5)],
    datasets: [deltaTable("gold", features, "training", columns, 2_400_000), deltaTable("gold", `${features}_holdout`, "eval", columns, 310_000)],
    objective: { key: "auc", higherIsBetter: true },
  });
}

export function regressorProfile(features: string, columns: DatasetSpec["columns"]): TrainingProfile {
  return profile({
    kind: "regressor",
    flavor: "xgboost",
    durationMinutes: [15, 70],
    epochs: [10, 30],
    params: [
      pick("learning_rate", ["0.02", "0.05", "0.1"]),
      integer("max_depth", 4, 9),
      pick("n_estimators", ["400", "600", "900"]),
      pick("objective", ["reg:squarederror", "reg:pseudohubererror"]),
      decimal("subsample", 0.7, 1, 2),
    ],
    metrics: [scored("rmse", 468, 371, 2), scored("mae", 301, 228, 2), scored("r2", 0.58, 0.74), scored("mape", 0.34, 0.22)],
    history: [perEpoch(scored("train_rmse", 402, 318, 2), 910), perEpoch(scored("val_rmse", 476, 379, 2), 940)],
    datasets: [deltaTable("gold", features, "training", columns, 1_850_000), deltaTable("gold", `${features}_holdout`, "eval", columns, 240_000)],
    objective: { key: "rmse", higherIsBetter: false },
  });
}

export function forecasterProfile(series: string, columns: DatasetSpec["columns"]): TrainingProfile {
  return profile({
    kind: "forecaster",
    flavor: "prophet",
    durationMinutes: [4, 25],
    epochs: [1, 1],
    params: [
      pick("seasonality_mode", ["additive", "multiplicative"]),
      pick("changepoint_prior_scale", ["0.01", "0.05", "0.1", "0.5"]),
      pick("horizon_days", ["14", "28", "42"]),
      fixed("weekly_seasonality", "true"),
    ],
    metrics: [scored("mape", 0.16, 0.07), scored("smape", 0.15, 0.065), scored("rmse", 212, 118, 2), scored("coverage_80", 0.71, 0.83)],
    history: [],
    datasets: [deltaTable("silver", series, "training", columns, 26_000, 24)],
    objective: { key: "mape", higherIsBetter: false },
  });
}

export function anomalyProfile(features: string, columns: DatasetSpec["columns"]): TrainingProfile {
  return profile({
    kind: "anomaly",
    flavor: "sklearn",
    durationMinutes: [6, 40],
    epochs: [1, 1],
    params: [pick("n_estimators", ["100", "200", "300"]), pick("contamination", ["0.005", "0.01", "0.02"]), pick("max_samples", ["256", "512", "auto"])],
    metrics: [scored("auc", 0.81, 0.93), scored("precision_at_100", 0.42, 0.77), scored("recall_at_100", 0.18, 0.39)],
    history: [],
    datasets: [deltaTable("silver", features, "training", columns, 9_600_000, 24), deltaTable("gold", `${features}_labelled`, "eval", columns, 52_000)],
    objective: { key: "auc", higherIsBetter: true },
  });
}

export function evaluationProfile(candidates: string, columns: DatasetSpec["columns"]): TrainingProfile {
  return profile({
    kind: "evaluation",
    flavor: "pyfunc",
    durationMinutes: [3, 18],
    epochs: [1, 1],
    params: [
      pick("protected_attribute", ["age_band", "gender", "region", "contract_type"]),
      pick("evaluator", ["stagegate-eval 1.3.2", "stagegate-eval 1.4.0"]),
      pick("bootstrap_samples", ["200", "500", "1000"]),
    ],
    metrics: [scored("auc", 0.8, 0.885), scored("equal_opportunity_diff", 0.09, 0.02), ...POLICY_METRICS],
    history: [],
    datasets: [deltaTable("gold", candidates, "eval", columns, 310_000)],
    objective: { key: "auc", higherIsBetter: true },
  });
}

export function featurePipelineProfile(source: string, target: string, columns: DatasetSpec["columns"]): TrainingProfile {
  return profile({
    kind: "feature-pipeline",
    flavor: "spark",
    durationMinutes: [6, 34],
    epochs: [4, 12],
    params: [
      fixed("source_table", `silver.${source}`),
      fixed("target_table", `gold.${target}`),
      pick("window_days", ["7", "30", "90"]),
      fixed("spark_version", "3.5.1"),
      pick("executors", ["4", "8", "16"]),
    ],
    metrics: [scored("rows_written", 3_900_000, 4_300_000, 0), scored("null_fraction", 0.012, 0.001, 5), spread("duration_seconds", 380, 2000, 1)],
    history: [perEpoch(scored("batch_rows_per_second", 41_000, 88_000, 0), 12_000)],
    // A pipeline reads its source table; the table it writes is an output, not a run input.
    datasets: [deltaTable("silver", source, "source", columns, 48_000_000, 24)],
    objective: { key: "null_fraction", higherIsBetter: false },
  });
}
