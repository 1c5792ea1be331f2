// What the drift job monitors: per served model its input features and its predicted score, each
// with bins frozen from the reference data (deciles with open outer edges for numbers, the
// reference's categories in their order for categories) and the reference's count per bin.

export type MonitoredFeatureType = "numeric" | "categorical" | "prediction";

/** The feature name of a model's predicted score in ModelDrift_CL. */
export const PREDICTION_FEATURE = "prediction_score";

interface NumericFeatureSpec {
  name: string;
  type: "numeric" | "prediction";
  /** Upper edges of the first nine bins (deciles of the reference); the outer bins are open. */
  edges: readonly number[];
  /** Reference share per bin when ties make the deciles uneven; 0.1 each otherwise. */
  shares?: readonly number[];
}

interface CategoricalFeatureSpec {
  name: string;
  type: "categorical";
  /** Categories in the reference's order with their reference share and the way a drift moves them (+ gains, − loses). */
  categories: readonly { name: string; share: number; drift: number }[];
}

type FeatureSpec = NumericFeatureSpec | CategoricalFeatureSpec;

/** One bin as the job writes it: null edges for the open outer bins and for categories. */
export interface FrozenBin {
  lower: number | null;
  upper: number | null;
  /** The category; empty for numeric bins. */
  category: string;
  referenceShare: number;
  referenceCount: number;
}

export interface MonitoredFeature {
  name: string;
  type: MonitoredFeatureType;
  /** Dataset@version the bins were frozen from (training data for inputs, validation scores for the prediction). */
  reference: string;
  bins: readonly FrozenBin[];
  /** The bins' reference shares, in bin order. */
  referenceShares: readonly number[];
  /** Per bin, where drift moves mass (see tiltedShares): up the bins for numbers, per category otherwise. */
  driftDirection: readonly number[];
}

export interface MonitoredModel {
  endpoint: string;
  modelName: string;
  features: readonly MonitoredFeature[];
}

const DECILES = Array.from({ length: 10 }, () => 0.1);

/** Reference counts adding up to the reference's size, the last bin taking the rounding. */
function countsOf(shares: readonly number[], size: number): number[] {
  const counts = shares.map((share) => Math.round(share * size));
  counts[counts.length - 1]! += size - counts.reduce((sum, count) => sum + count, 0);
  return counts;
}

function freeze(spec: FeatureSpec, reference: string, referenceSize: number): MonitoredFeature {
  if (spec.type === "categorical") {
    const counts = countsOf(
      spec.categories.map((category) => category.share),
      referenceSize,
    );
    return {
      name: spec.name,
      type: spec.type,
      reference,
      bins: spec.categories.map((category, bin) => ({ lower: null, upper: null, category: category.name, referenceShare: counts[bin]! / referenceSize, referenceCount: counts[bin]! })),
      referenceShares: counts.map((count) => count / referenceSize),
      driftDirection: spec.categories.map((category) => category.drift),
    };
  }
  const counts = countsOf(spec.shares ?? DECILES, referenceSize);
  const last = spec.edges.length;
  return {
    name: spec.name,
    type: spec.type,
    reference,
    bins: counts.map((count, bin) => ({
      lower: bin === 0 ? null : spec.edges[bin - 1]!,
      upper: bin === last ? null : spec.edges[bin]!,
      category: "",
      referenceShare: count / referenceSize,
      referenceCount: count,
    })),
    referenceShares: counts.map((count) => count / referenceSize),
    driftDirection: counts.map((_, bin) => (2 * bin) / last - 1),
  };
}

function monitoredModel(model: {
  endpoint: string;
  modelName: string;
  training: { name: string; size: number };
  validation: { name: string; size: number };
  inputs: readonly FeatureSpec[];
  scoreEdges: readonly number[];
}): MonitoredModel {
  return {
    endpoint: model.endpoint,
    modelName: model.modelName,
    features: [
      ...model.inputs.map((input) => freeze(input, model.training.name, model.training.size)),
      freeze({ name: PREDICTION_FEATURE, type: "prediction", edges: model.scoreEdges }, model.validation.name, model.validation.size),
    ],
  };
}

export const MONITORED_MODELS: readonly MonitoredModel[] = [
  monitoredModel({
    endpoint: "churn-endpoint",
    modelName: "churn_xgb",
    training: { name: "telco.gold.churn_training@v12", size: 182_400 },
    validation: { name: "telco.gold.churn_validation@v12", size: 45_600 },
    inputs: [
      { name: "tenure_months", type: "numeric", edges: [2, 5, 10, 17, 24, 32, 42, 53, 64] },
      { name: "monthly_charges", type: "numeric", edges: [20.5, 25.9, 40.3, 55.6, 70.4, 79.9, 89.2, 98.6, 106.9] },
      {
        name: "contract_type",
        type: "categorical",
        categories: [
          { name: "month_to_month", share: 0.55, drift: 1 },
          { name: "one_year", share: 0.21, drift: 0 },
          { name: "two_year", share: 0.24, drift: -1 },
        ],
      },
      { name: "data_usage_gb", type: "numeric", edges: [0.8, 2.1, 3.9, 6.2, 9, 12.5, 17, 23.5, 35] },
      // Calls in the last 12 months: whole numbers, so ties leave the frozen deciles a little uneven.
      { name: "support_calls", type: "numeric", edges: [0, 1, 2, 3, 4, 5, 7, 9, 12], shares: [0.11, 0.1, 0.09, 0.1, 0.11, 0.09, 0.1, 0.1, 0.1, 0.1] },
      {
        name: "payment_method",
        type: "categorical",
        categories: [
          { name: "electronic_check", share: 0.34, drift: 1 },
          { name: "mailed_check", share: 0.23, drift: 0 },
          { name: "bank_transfer", share: 0.22, drift: -0.5 },
          { name: "credit_card", share: 0.21, drift: -0.5 },
        ],
      },
    ],
    scoreEdges: [0.03, 0.05, 0.07, 0.09, 0.12, 0.15, 0.2, 0.28, 0.42],
  }),
  monitoredModel({
    endpoint: "fraud-endpoint",
    modelName: "fraud_lgbm",
    training: { name: "payments.gold.fraud_training@v31", size: 2_450_000 },
    validation: { name: "payments.gold.fraud_validation@v31", size: 612_000 },
    inputs: [
      { name: "txn_amount", type: "numeric", edges: [4.5, 9.9, 15, 22.4, 31, 42.9, 59.9, 89, 160] },
      {
        name: "merchant_category",
        type: "categorical",
        categories: [
          { name: "grocery", share: 0.22, drift: -0.5 },
          { name: "restaurants", share: 0.14, drift: 0 },
          { name: "fuel", share: 0.1, drift: -0.5 },
          { name: "online_retail", share: 0.18, drift: 1 },
          { name: "travel", share: 0.06, drift: 0.5 },
          { name: "electronics", share: 0.07, drift: 1 },
          { name: "entertainment", share: 0.09, drift: 0 },
          { name: "other", share: 0.14, drift: 0 },
        ],
      },
      { name: "card_age_days", type: "numeric", edges: [45, 120, 240, 380, 540, 730, 950, 1240, 1700] },
      // Transactions in the last hour, exponentially weighted: a rate, not a count.
      { name: "txn_velocity_1h", type: "numeric", edges: [0.05, 0.1, 0.18, 0.27, 0.4, 0.55, 0.8, 1.1, 1.7] },
    ],
    scoreEdges: [0.001, 0.002, 0.003, 0.005, 0.007, 0.01, 0.015, 0.025, 0.05],
  }),
];
