// Wilson score interval of a proportion: unlike the normal (Wald) interval it stays inside [0, 1]
// and keeps its coverage for small counts and rates near 0, as in a decile with 3 churners out of 80.

export interface ProportionInterval {
  lower: number;
  upper: number;
}

/** z of a two-sided 95 % interval. */
export const Z_95 = 1.959964;

/** The Wilson interval of successes / n; null when n is 0. */
export function wilsonInterval(successes: number, n: number, z = Z_95): ProportionInterval | null {
  if (!Number.isFinite(n) || n < 0 || !Number.isFinite(successes) || successes < 0) {
    throw new RangeError(`Counts must be finite and not negative (successes ${successes}, n ${n}).`);
  }
  if (successes > n) throw new RangeError(`Successes (${successes}) cannot outnumber trials (${n}).`);
  if (!(z > 0)) throw new RangeError(`z must be positive, not ${z}.`);
  if (n === 0) return null;
  const rate = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (rate + z2 / (2 * n)) / denominator;
  const halfWidth = (z * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n))) / denominator;
  // Clamped only against rounding: at 0 or n successes the exact bound is 0 or 1.
  return { lower: Math.max(0, centre - halfWidth), upper: Math.min(1, centre + halfWidth) };
}
