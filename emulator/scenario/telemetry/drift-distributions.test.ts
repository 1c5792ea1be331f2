// The drift job's statistics: PSI with its floor against hand-computed values, drifted shares at
// the asked PSI (checked as a J-divergence, another way to write PSI), and the samplers' moments.
import { describe, expect, it } from "vitest";
import { SeededRandom } from "../random";
import { binomial, DriftCurve, multinomialCounts, psiOfCounts, tiltedShares } from "./drift-distributions";

const DECILES = Array.from({ length: 10 }, () => 0.1);
const UP_THE_BINS = DECILES.map((_, bin) => (2 * bin) / 9 - 1);

/** PSI written as KL(a‖e) + KL(e‖a), the symmetric (J) divergence it equals. */
function jDivergence(reference: readonly number[], shares: readonly number[]): number {
  const kl = (p: readonly number[], q: readonly number[]) => p.reduce((sum, share, bin) => sum + share * Math.log(share / q[bin]!), 0);
  return kl(shares, reference) + kl(reference, shares);
}

const meanBin = (shares: readonly number[]) => shares.reduce((sum, share, bin) => sum + share * bin, 0);

describe("psiOfCounts", () => {
  it("sums (a − e) · ln(a / e) over the bins", () => {
    // (0.6 − 0.5)·ln(1.2) + (0.4 − 0.5)·ln(0.8) = 0.0182322 + 0.0223144 = 0.0405465
    expect(psiOfCounts([0.5, 0.5], [60, 40], 100)).toBeCloseTo(0.0405465, 6);
    expect(psiOfCounts(DECILES, DECILES.map(() => 30), 300)).toBe(0);
  });

  it("floors an empty bin's share at 1e-4 so the logarithm stays finite", () => {
    // (1 − 0.5)·ln(2) + (1e-4 − 0.5)·ln(1e-4 / 0.5) = 0.346574 + 4.257740 = 4.604314
    expect(psiOfCounts([0.5, 0.5], [100, 0], 100)).toBeCloseTo(4.604314, 5);
  });
});

describe("DriftCurve", () => {
  const categories = [0.55, 0.21, 0.24];
  const toMonthly = [1, 0, -1];

  it("gives shares at the asked PSI from the reference, either way along the direction", () => {
    for (const [reference, direction] of [
      [DECILES, UP_THE_BINS],
      [categories, toMonthly],
    ] as const) {
      const curve = new DriftCurve(reference, direction);
      for (const psi of [0.005, 0.05, 0.1, 0.25, 0.5, -0.05, -0.3]) {
        const shares = curve.sharesAt(psi);
        expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
        expect(jDivergence(reference, shares) / Math.abs(psi), `${reference.length} bins, ${psi}`).toBeCloseTo(1, 2);
      }
      expect(curve.sharesAt(0)).toEqual(reference);
    }
  });

  it("moves mass monotonically toward the higher bins, further for a larger PSI", () => {
    const curve = new DriftCurve(DECILES, UP_THE_BINS);
    const means = [-0.2, -0.05, 0, 0.05, 0.1, 0.25].map((psi) => meanBin(curve.sharesAt(psi)));
    expect(means).toEqual([...means].sort((a, b) => a - b));
    expect(means[2]).toBeCloseTo(4.5, 12);
    // A tilt's likelihood ratio rises bin by bin: no bin gains while a higher one loses.
    const drifted = curve.sharesAt(0.25);
    const ratios = drifted.map((share, bin) => share / DECILES[bin]!);
    expect(ratios).toEqual([...ratios].sort((a, b) => a - b));
  });

  it("stops at the PSI its table reaches", () => {
    const curve = new DriftCurve(DECILES, UP_THE_BINS, 0.3);
    expect(jDivergence(DECILES, curve.sharesAt(2))).toBeLessThan(0.35);
    tiltedShares(DECILES, UP_THE_BINS, 0).forEach((share) => expect(share).toBeCloseTo(0.1, 12));
  });
});

describe("binomial and multinomialCounts", () => {
  function moments(draw: (random: SeededRandom) => number, times = 20_000) {
    const random = new SeededRandom("moments", times);
    const values = Array.from({ length: times }, () => draw(random));
    const mean = values.reduce((sum, value) => sum + value, 0) / times;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (times - 1);
    return { mean, variance, min: Math.min(...values), max: Math.max(...values) };
  }

  it("draws binomials with mean np and variance np(1 − p), exactly for few samples and approximately for many", () => {
    const few = moments((random) => binomial(random, 30, 0.1));
    expect(few.mean).toBeCloseTo(3, 1);
    expect(few.variance).toBeGreaterThan(2.7 * 0.93);
    expect(few.variance).toBeLessThan(2.7 * 1.07);
    expect(few.min).toBe(0);
    const many = moments((random) => binomial(random, 3000, 0.3));
    expect(Math.abs(many.mean - 900)).toBeLessThan(1);
    expect(many.variance).toBeGreaterThan(630 * 0.93);
    expect(many.variance).toBeLessThan(630 * 1.07);
    const likely = moments((random) => binomial(random, 40, 0.95));
    expect(likely.mean).toBeCloseTo(38, 1);
    expect(likely.max).toBe(40);
    const random = new SeededRandom("edges");
    expect([binomial(random, 50, 0), binomial(random, 50, 1), binomial(random, 0, 0.5)]).toEqual([0, 50, 0]);
  });

  it("spreads n samples over the bins, adding up to n, each bin n × its share on average", () => {
    const random = new SeededRandom("multinomial");
    const shares = [0.55, 0.21, 0.24];
    const totals = [0, 0, 0];
    for (let draw = 0; draw < 5000; draw++) {
      const n = draw % 50;
      const counts = multinomialCounts(random, n, shares);
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(n);
      expect(counts.every((count) => count >= 0)).toBe(true);
      counts.forEach((count, bin) => (totals[bin]! += count));
    }
    const all = totals.reduce((sum, count) => sum + count, 0);
    totals.forEach((count, bin) => expect(count / all).toBeCloseTo(shares[bin]!, 2));
  });
});
