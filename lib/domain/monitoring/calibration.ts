// Calibration of predicted probabilities (ModelOutcomes_CL.Score against Label): a reliability
// diagram over uniform score bins, its expected calibration error, and the Brier score. Pure: the
// per-bin sums come from one KQL summarize; empty bins are dropped as scikit-learn's calibration_curve does.
import { wilsonInterval, type ProportionInterval } from "./wilson-interval";

export const CALIBRATION_BIN_COUNT = 10;

/**
 * The 0-based bin of a score on [0, 1] cut into `bins` equal widths; 1.0 falls in the last bin.
 * KQL of the same arithmetic: `Bin = toint(min_of(floor(Score * 10, 1), 9))`.
 */
export function calibrationBinOf(score: number, bins = CALIBRATION_BIN_COUNT): number {
  checkBinCount(bins);
  if (!(score >= 0 && score <= 1)) throw new RangeError(`A score is a probability in [0, 1], not ${score}.`);
  return Math.min(Math.floor(score * bins), bins - 1);
}

/**
 * One row of `summarize predictions = count(), scoreSum = sum(Score), positives = countif(Label),
 * squaredErrorSum = sum(pow(Score - iff(Label, 1.0, 0.0), 2)) by Bin`.
 */
export interface CalibrationBinCounts {
  /** 0-based, from calibrationBinOf. */
  bin: number;
  predictions: number;
  scoreSum: number;
  positives: number;
  /** Σ (score − label)², for the Brier score; optional because it needs its own aggregate. */
  squaredErrorSum?: number;
}

export interface ReliabilityPoint {
  bin: number;
  /** The bin's score range [lower, upper). */
  lower: number;
  upper: number;
  count: number;
  /** Mean score in the bin: scoreSum / predictions. */
  meanPredicted: number;
  /** Share of positives in the bin: positives / predictions. */
  observed: number;
  /** Wilson 95 % interval of `observed`. */
  interval: ProportionInterval;
}

export interface ReliabilityDiagram {
  /** Non-empty bins in score order. */
  points: ReliabilityPoint[];
  predictions: number;
  /** Σ count · |observed − meanPredicted| / Σ count; null without predictions. */
  expectedCalibrationError: number | null;
  /** From the bins' squaredErrorSum; null when any bin lacks it or there are no predictions. */
  brierScore: number | null;
}

function checkBinCount(bins: number): void {
  if (!(Number.isInteger(bins) && bins >= 1)) throw new RangeError(`The bin count must be a positive integer, not ${bins}.`);
}

function checkRow(row: CalibrationBinCounts, bins: number): void {
  const { bin, predictions, scoreSum, positives, squaredErrorSum } = row;
  if (!Number.isInteger(bin) || bin < 0 || bin >= bins) throw new RangeError(`A bin is 0..${bins - 1}, not ${bin}.`);
  const finite = [predictions, scoreSum, positives, squaredErrorSum ?? 0].every((value) => Number.isFinite(value) && value >= 0);
  // Scores and squared errors lie in [0, 1], so their sums cannot exceed the count (up to rounding).
  const slack = 1e-9 * Math.max(1, predictions);
  if (!finite || positives > predictions || scoreSum > predictions + slack || (squaredErrorSum ?? 0) > predictions + slack) {
    throw new RangeError(`Bin ${bin} has impossible sums (${JSON.stringify(row)}).`);
  }
  // Catches a query that binned differently (e.g. 1-based bins, or another bin count).
  const meanScore = predictions > 0 ? scoreSum / predictions : null;
  if (meanScore !== null && (meanScore < bin / bins - 1e-9 || meanScore > (bin + 1) / bins + 1e-9)) {
    throw new RangeError(`Bin ${bin}'s mean score ${meanScore} lies outside its range [${bin / bins}, ${(bin + 1) / bins}).`);
  }
}

/** Mean squared error of the predicted probabilities, Σ (score − label)² / n; null without predictions. */
export function brierScore({ squaredErrorSum, predictions }: { squaredErrorSum: number; predictions: number }): number | null {
  if (!Number.isFinite(squaredErrorSum) || !Number.isFinite(predictions) || squaredErrorSum < 0 || predictions < 0) {
    throw new RangeError(`Sums must be finite and not negative (squaredErrorSum ${squaredErrorSum}, predictions ${predictions}).`);
  }
  return predictions === 0 ? null : squaredErrorSum / predictions;
}

/** The reliability diagram of uniform score bins, with ECE and (when the bins carry it) the Brier score. */
export function reliabilityDiagram(rows: readonly CalibrationBinCounts[], bins = CALIBRATION_BIN_COUNT): ReliabilityDiagram {
  checkBinCount(bins);
  const seen = new Set<number>();
  for (const row of rows) {
    checkRow(row, bins);
    if (seen.has(row.bin)) throw new RangeError(`Bin ${row.bin} appears twice; summarize by bin only.`);
    seen.add(row.bin);
  }
  const nonEmpty = rows.filter((row) => row.predictions > 0).sort((a, b) => a.bin - b.bin);
  const points = nonEmpty.map(
    (row): ReliabilityPoint => ({
      bin: row.bin,
      lower: row.bin / bins,
      upper: (row.bin + 1) / bins,
      count: row.predictions,
      meanPredicted: row.scoreSum / row.predictions,
      observed: row.positives / row.predictions,
      interval: wilsonInterval(row.positives, row.predictions)!,
    }),
  );
  const predictions = points.reduce((sum, p) => sum + p.count, 0);
  const weightedGap = points.reduce((sum, p) => sum + p.count * Math.abs(p.observed - p.meanPredicted), 0);
  const everyBinHasSquaredErrors = rows.every((row) => row.squaredErrorSum !== undefined);
  const squaredErrorSum = rows.reduce((sum, row) => sum + (row.squaredErrorSum ?? 0), 0);
  return {
    points,
    predictions,
    expectedCalibrationError: predictions === 0 ? null : weightedGap / predictions,
    brierScore: everyBinHasSquaredErrors ? brierScore({ squaredErrorSum, predictions }) : null,
  };
}
