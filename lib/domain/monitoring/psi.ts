// Population stability index (ModelDrift_CL.Psi): PSI = Σ_b (a_b − e_b) · ln(a_b / e_b), a the current
// share of bin b and e the reference share, over bins frozen from the reference. Pure: windows are
// combined by summing their bin counts and recomputing PSI, never by averaging PSI values.
import { chiSquareQuantile } from "./chi-square";

/** Shares below this (empty bins) are raised to it before the logarithm, as the telemetry contract states. */
export const PSI_EMPTY_BIN_FLOOR = 1e-4;

// The credit-scoring convention the contract names, not significance levels: whether a PSI is
// surprising depends on the sample size (see sampleMinimum).
/** PSI below this is "stable". */
export const PSI_STABLE_BELOW = 0.1;
/** PSI above this is "significant"; from PSI_STABLE_BELOW up to and including it, "moderate". */
export const PSI_SIGNIFICANT_ABOVE = 0.25;

/** The bins the drift job uses: deciles of the reference. */
export const DRIFT_BIN_COUNT = 10;

/** How often a window of identical data may cross the stable band at the sample minimum. */
export const DRIFT_FALSE_ALARM_RATE = 0.01;

export type DriftBand = "stable" | "moderate" | "significant";

const REFERENCE_SHARE_SUM_TOLERANCE = 1e-3;

function checkCounts(counts: readonly number[], what: string): void {
  for (const count of counts) {
    if (!Number.isFinite(count) || count < 0) throw new RangeError(`${what} must be finite and not negative, not ${count}.`);
  }
}

/**
 * PSI of the current window's bin counts against the reference shares. Both shares are floored at
 * `floor` (not renormalised). Null when the window holds no samples.
 */
export function psiFromCounts(referenceShares: readonly number[], currentCounts: readonly number[], floor = PSI_EMPTY_BIN_FLOOR): number | null {
  if (referenceShares.length !== currentCounts.length) {
    throw new RangeError(`The reference has ${referenceShares.length} bins but the window ${currentCounts.length}.`);
  }
  if (referenceShares.length === 0) throw new RangeError("PSI needs at least one bin.");
  if (!(floor > 0 && floor < 1)) throw new RangeError(`The floor must be in (0, 1), not ${floor}.`);
  checkCounts(referenceShares, "Reference shares");
  checkCounts(currentCounts, "Bin counts");
  // Loose enough for shares stored with a few decimals; exact shares are ReferenceCount / its total.
  const referenceTotal = referenceShares.reduce((sum, share) => sum + share, 0);
  if (Math.abs(referenceTotal - 1) > REFERENCE_SHARE_SUM_TOLERANCE) throw new RangeError(`Reference shares must add up to 1, not ${referenceTotal}.`);
  const total = currentCounts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  let psi = 0;
  currentCounts.forEach((count, bin) => {
    const current = Math.max(count / total, floor);
    const reference = Math.max(referenceShares[bin]!, floor);
    psi += (current - reference) * Math.log(current / reference);
  });
  return psi;
}

/**
 * Element-wise sum of several windows' bin counts, e.g. 24 hourly windows into a day, to recompute
 * the day's PSI from. `binCount` gives the length when there are no windows (all zeros → PSI null).
 */
export function sumBinCounts(windows: readonly (readonly number[])[], binCount = windows[0]?.length ?? 0): number[] {
  const sums = new Array<number>(binCount).fill(0);
  for (const window of windows) {
    if (window.length !== binCount) throw new RangeError(`Every window needs ${binCount} bins; one has ${window.length}.`);
    checkCounts(window, "Bin counts");
    window.forEach((count, bin) => (sums[bin]! += count));
  }
  return sums;
}

/** stable: psi < 0.1; moderate: 0.1 ≤ psi ≤ 0.25; significant: psi > 0.25. */
export function driftBand(psi: number): DriftBand {
  if (!(Number.isFinite(psi) && psi >= 0)) throw new RangeError(`A PSI is finite and not negative, not ${psi}.`);
  if (psi < PSI_STABLE_BELOW) return "stable";
  return psi <= PSI_SIGNIFICANT_ABOVE ? "moderate" : "significant";
}

export interface SampleMinimumOptions {
  /** The PSI a window of identical distributions should rarely reach. */
  threshold?: number;
  /** How rarely: the probability of a false alarm at the minimum. */
  falseAlarmRate?: number;
}

/**
 * The smallest window size n at which identical distributions exceed `threshold` with probability
 * ≤ falseAlarmRate. Under the null, with a reference much larger than n, PSI ≈ χ²_{B−1} / n, so
 * n_min = ceil(χ²_{B−1, 1−α} / threshold). Below it a PSI above the threshold may be noise.
 */
export function sampleMinimum(binCount: number, { threshold = PSI_STABLE_BELOW, falseAlarmRate = DRIFT_FALSE_ALARM_RATE }: SampleMinimumOptions = {}): number {
  if (!(Number.isInteger(binCount) && binCount >= 2)) throw new RangeError(`A sample minimum needs at least two bins, not ${binCount}.`);
  if (!(threshold > 0)) throw new RangeError(`The threshold must be positive, not ${threshold}.`);
  if (!(falseAlarmRate > 0 && falseAlarmRate < 1)) throw new RangeError(`The false alarm rate must be in (0, 1), not ${falseAlarmRate}.`);
  return Math.ceil(chiSquareQuantile(1 - falseAlarmRate, binCount - 1) / threshold);
}

/** Windows of 10 bins with fewer samples than this are greyed out; categorical features use sampleMinimum(BinCount). */
export const DRIFT_SAMPLE_MINIMUM = sampleMinimum(DRIFT_BIN_COUNT);

/** One line per convention, for the drift page to print beside its numbers. */
export const DRIFT_CONVENTIONS = {
  bins: `Bins are frozen from the reference data: ${DRIFT_BIN_COUNT} deciles with open outer edges for numeric features and the score, one bin per reference category for categorical ones.`,
  floor: `Empty bins are floored at a share of ${PSI_EMPTY_BIN_FLOOR} so the logarithm stays finite.`,
  sampleMinimum: `Windows under ${DRIFT_SAMPLE_MINIMUM} samples are greyed out: below that, identical data exceed PSI ${PSI_STABLE_BELOW} more than ${DRIFT_FALSE_ALARM_RATE * 100} % of the time (PSI ≈ χ² with ${DRIFT_BIN_COUNT - 1} degrees of freedom ÷ n).`,
  bands: `Bands < ${PSI_STABLE_BELOW} stable, ${PSI_STABLE_BELOW}–${PSI_SIGNIFICANT_ABOVE} moderate, > ${PSI_SIGNIFICANT_ABOVE} significant are the credit-scoring convention, not significance levels.`,
  aggregation: "Daily and weekly PSI are recomputed from summed bin counts, never averaged from hourly PSI.",
} as const;
