// Decile lift and cumulative gains of a scoring model (ModelOutcomes_CL, ScoreDecile 1 = highest
// scores). Lift here ranks who is at risk: a decile's outcome rate ÷ the overall rate. It is not
// uplift, which needs a randomised holdout. Pure: the counts come from one KQL summarize by decile.
import { wilsonInterval, type ProportionInterval } from "./wilson-interval";

export const DECILE_COUNT = 10;

/** One row of `summarize predictions = count(), positives = countif(Label) by ScoreDecile`. */
export interface DecileOutcomeCounts {
  /** 1 = the highest scores. */
  decile: number;
  predictions: number;
  positives: number;
}

export interface DecileLiftRow extends DecileOutcomeCounts {
  /** positives / predictions; null for an empty decile. */
  rate: number | null;
  /** Wilson 95 % interval of the rate; null for an empty decile. */
  interval: ProportionInterval | null;
  /** rate / overall rate (random targeting = 1); null when either is missing or the overall rate is 0. */
  lift: number | null;
  /** Share of all predictions in deciles 1..decile. */
  cumulativeShare: number | null;
  /** Outcome rate of deciles 1..decile ÷ the overall rate. */
  cumulativeLift: number | null;
  /** Capture rate: positives in deciles 1..decile ÷ all positives. */
  cumulativeGain: number | null;
}

export interface DecileLift {
  /** Always deciles 1..10 in order; deciles missing from the input appear empty. */
  deciles: DecileLiftRow[];
  predictions: number;
  positives: number;
  /** positives / predictions (the prevalence); null without predictions. */
  overallRate: number | null;
}

function completeDeciles(rows: readonly DecileOutcomeCounts[]): DecileOutcomeCounts[] {
  const byDecile = new Map<number, DecileOutcomeCounts>();
  for (const row of rows) {
    const { decile, predictions, positives } = row;
    if (!Number.isInteger(decile) || decile < 1 || decile > DECILE_COUNT) throw new RangeError(`A decile is 1..${DECILE_COUNT}, not ${decile}.`);
    if (byDecile.has(decile)) throw new RangeError(`Decile ${decile} appears twice; summarize by decile only.`);
    if (!Number.isFinite(predictions) || !Number.isFinite(positives) || predictions < 0 || positives < 0 || positives > predictions) {
      throw new RangeError(`Decile ${decile} has impossible counts (${positives} positives of ${predictions}).`);
    }
    byDecile.set(decile, { decile, predictions, positives });
  }
  return Array.from({ length: DECILE_COUNT }, (_, i) => byDecile.get(i + 1) ?? { decile: i + 1, predictions: 0, positives: 0 });
}

const divideOrNull = (numerator: number, denominator: number | null) => (denominator ? numerator / denominator : null);

/** Per-decile rate, lift and Wilson interval, with cumulative lift and gain from the top decile down. */
export function decileLift(rows: readonly DecileOutcomeCounts[]): DecileLift {
  const deciles = completeDeciles(rows);
  const predictions = deciles.reduce((sum, d) => sum + d.predictions, 0);
  const positives = deciles.reduce((sum, d) => sum + d.positives, 0);
  const overallRate = divideOrNull(positives, predictions);
  let cumulativePredictions = 0;
  let cumulativePositives = 0;
  const rowsOut = deciles.map((d): DecileLiftRow => {
    cumulativePredictions += d.predictions;
    cumulativePositives += d.positives;
    const rate = divideOrNull(d.positives, d.predictions);
    const cumulativeRate = divideOrNull(cumulativePositives, cumulativePredictions);
    return {
      ...d,
      rate,
      interval: wilsonInterval(d.positives, d.predictions),
      lift: rate === null ? null : divideOrNull(rate, overallRate),
      cumulativeShare: divideOrNull(cumulativePredictions, predictions),
      cumulativeLift: cumulativeRate === null ? null : divideOrNull(cumulativeRate, overallRate),
      cumulativeGain: divideOrNull(cumulativePositives, positives),
    };
  });
  return { deciles: rowsOut, predictions, positives, overallRate };
}

export interface CurvePoint {
  /** Share of the population targeted, highest scores first. */
  x: number;
  /** Share of all positives captured. */
  y: number;
}

export interface GainCurve {
  /** (0, 0), then one point per non-empty decile, ending at (1, 1). */
  model: CurvePoint[];
  /** Random targeting: the diagonal. */
  random: CurvePoint[];
  /** A model ranking every positive first: y = min(x / prevalence, 1), drawn through its corner. */
  perfect: CurvePoint[];
  prevalence: number;
}

/** The cumulative gains curve with its reference lines; null without positives (nothing to capture). */
export function gainCurve(rows: readonly DecileOutcomeCounts[]): GainCurve | null {
  const lift = decileLift(rows);
  if (lift.overallRate === null || lift.positives === 0) return null;
  const model: CurvePoint[] = [{ x: 0, y: 0 }];
  for (const d of lift.deciles) {
    if (d.predictions > 0) model.push({ x: d.cumulativeShare!, y: d.cumulativeGain! });
  }
  const prevalence = lift.overallRate;
  return {
    model,
    random: [{ x: 0, y: 0 }, { x: 1, y: 1 }],
    perfect: prevalence < 1 ? [{ x: 0, y: 0 }, { x: prevalence, y: 1 }, { x: 1, y: 1 }] : [{ x: 0, y: 0 }, { x: 1, y: 1 }],
    prevalence,
  };
}

export interface ChampionComparison {
  challengerTopDecileLift: number;
  championTopDecileLift: number;
  /** challenger ÷ champion; null when the champion's top decile caught no positives. */
  ratio: number | null;
}

/**
 * Top-decile lift of a challenger and the champion. Meaningful only on the same matured cohort
 * (the same customers and label horizon), which the caller's query must ensure. Null when either
 * model has no top-decile lift.
 */
export function liftAgainstChampion(challenger: DecileLift | null, champion: DecileLift | null): ChampionComparison | null {
  const challengerTopDecileLift = challenger?.deciles[0]?.lift ?? null;
  const championTopDecileLift = champion?.deciles[0]?.lift ?? null;
  if (challengerTopDecileLift === null || championTopDecileLift === null) return null;
  return {
    challengerTopDecileLift,
    championTopDecileLift,
    ratio: championTopDecileLift === 0 ? null : challengerTopDecileLift / championTopDecileLift,
  };
}
