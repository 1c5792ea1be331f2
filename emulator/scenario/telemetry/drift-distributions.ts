// The drift job's statistics as the emulator plays them: PSI of a window's bin counts against the
// frozen reference shares, the shares of a population that has drifted by a chosen PSI (an
// exponential tilt of the reference), and the window's counts sampled from those shares.
// The emulator stands in for the customer's drift job, so it keeps its own PSI rather than
// borrowing Stagegate's: the app's recomputation from bin counts is then checked against another one.
import type { SeededRandom } from "../random";

/** Shares below this (empty bins) are raised to it before the logarithm, as the contract states. */
export const PSI_SHARE_FLOOR = 1e-4;

/** PSI of a window's bin counts against the reference shares, both shares floored at 1e-4. */
export function psiOfCounts(referenceShares: readonly number[], counts: readonly number[], total: number): number {
  let psi = 0;
  for (let bin = 0; bin < counts.length; bin++) {
    const current = Math.max(counts[bin]! / total, PSI_SHARE_FLOOR);
    const reference = Math.max(referenceShares[bin]!, PSI_SHARE_FLOOR);
    psi += (current - reference) * Math.log(current / reference);
  }
  return psi;
}

/**
 * The reference shares reweighted by exp(tilt · direction[bin]) and renormalised: mass moves
 * toward the bins with a higher direction (higher bins of a numeric feature, the categories a
 * change favours), monotonically in the tilt.
 */
export function tiltedShares(referenceShares: readonly number[], direction: readonly number[], tilt: number): number[] {
  const weights = referenceShares.map((share, bin) => share * Math.exp(tilt * direction[bin]!));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => weight / total);
}

function psiOfShares(referenceShares: readonly number[], shares: readonly number[]): number {
  return shares.reduce((psi, share, bin) => psi + (share - referenceShares[bin]!) * Math.log(share / referenceShares[bin]!), 0);
}

/** Tilt steps of a DriftCurve's table, and where it stops. */
const TILT_STEP = 0.01;
const MAX_TILT = 16;

/**
 * The populations drifted from a reference along a direction, by PSI. For a tilt t the PSI is
 * t · (mean direction under the tilt − under the reference), which grows with |t|; a table of it
 * per tilt step, made once per feature, is read back by interpolation (cheaper than solving per window).
 */
export class DriftCurve {
  private readonly up: number[];
  private readonly down: number[];

  constructor(
    private readonly referenceShares: readonly number[],
    private readonly direction: readonly number[],
    maxPsi = 1,
  ) {
    this.up = this.psiTable(1, maxPsi);
    this.down = this.psiTable(-1, maxPsi);
  }

  /** Shares at the given PSI from the reference (a negative PSI tilts against the direction); capped at the table's end. */
  sharesAt(psi: number): number[] {
    if (psi === 0) return [...this.referenceShares];
    const table = psi > 0 ? this.up : this.down;
    const target = Math.abs(psi);
    let step = 1;
    while (step < table.length - 1 && table[step]! < target) step++;
    const below = table[step - 1]!;
    const above = table[step]!;
    const fraction = above > below ? Math.min(1, (target - below) / (above - below)) : 1;
    return tiltedShares(this.referenceShares, this.direction, Math.sign(psi) * (step - 1 + fraction) * TILT_STEP);
  }

  private psiTable(sign: number, maxPsi: number): number[] {
    const table = [0];
    for (let step = 1; table.at(-1)! < maxPsi && step * TILT_STEP <= MAX_TILT; step++) {
      table.push(psiOfShares(this.referenceShares, tiltedShares(this.referenceShares, this.direction, sign * step * TILT_STEP)));
    }
    return table;
  }
}

/**
 * A binomial draw: exact inversion when the variance is small, else the normal approximation
 * rounded and clamped (cheap for the few thousand samples of an hourly window).
 */
export function binomial(random: SeededRandom, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(random, n, 1 - p);
  const variance = n * p * (1 - p);
  if (variance >= 25) return Math.min(n, Math.max(0, Math.round(random.normal(n * p, Math.sqrt(variance)))));
  const odds = p / (1 - p);
  let k = 0;
  let probability = Math.pow(1 - p, n);
  let cumulative = probability;
  const u = random.next();
  while (u > cumulative && k < n) {
    probability *= ((n - k) / (k + 1)) * odds;
    k++;
    cumulative += probability;
  }
  return k;
}

/** Counts of n samples over the bins, multinomial in the shares (sequential binomials); they add up to n. */
export function multinomialCounts(random: SeededRandom, n: number, shares: readonly number[]): number[] {
  const counts: number[] = [];
  let remaining = n;
  let remainingShare = 1;
  for (let bin = 0; bin < shares.length - 1; bin++) {
    const share = shares[bin]!;
    const count = remainingShare > 0 ? binomial(random, remaining, Math.min(1, share / remainingShare)) : 0;
    counts.push(count);
    remaining -= count;
    remainingShare -= share;
  }
  counts.push(remaining);
  return counts;
}
