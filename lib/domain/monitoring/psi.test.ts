import { describe, expect, it } from "vitest";
import { DRIFT_CONVENTIONS, DRIFT_SAMPLE_MINIMUM, driftBand, psiFromCounts, sampleMinimum, sumBinCounts } from "./psi";

const deciles = new Array<number>(10).fill(0.1);

/** Kullback–Leibler divergence; PSI is its symmetrised form KL(a‖e) + KL(e‖a), a different route to the same number. */
const kl = (p: number[], q: number[]) => p.reduce((sum, pb, b) => sum + pb * Math.log(pb / q[b]!), 0);

/** A seeded generator (mulberry32) so the simulation below is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("psiFromCounts", () => {
  it("equals the arithmetic written out: [0.5, 0.5] vs [0.6, 0.4]", () => {
    // (0.6 − 0.5)·ln(0.6/0.5) + (0.4 − 0.5)·ln(0.4/0.5) = 0.1·0.1823216 + 0.1·0.2231436 = 0.0405465
    expect(psiFromCounts([0.5, 0.5], [60, 40])).toBeCloseTo(0.0405465, 7);
  });

  it("equals KL(a‖e) + KL(e‖a) for bins with no empty share", () => {
    const reference = [0.2, 0.3, 0.5];
    const counts = [10, 50, 40];
    const current = counts.map((c) => c / 100);
    expect(psiFromCounts(reference, counts)).toBeCloseTo(kl(current, reference) + kl(reference, current), 12);
  });

  it("floors an empty current bin at 1e-4 instead of returning Infinity", () => {
    // a = [1, 0 → 1e-4], e = [0.5, 0.5]:
    // (1 − 0.5)·ln(1/0.5) + (1e-4 − 0.5)·ln(1e-4/0.5) = 0.5·0.6931472 + (−0.4999)·(−8.5171932) = 0.3465736 + 4.2577449 = 4.6043185
    expect(psiFromCounts([0.5, 0.5], [10, 0])).toBeCloseTo(4.6043185, 6);
  });

  it("floors an empty reference bin too", () => {
    // a = [0.5, 0.5], e = [1, 0 → 1e-4]: the same terms with a and e swapped, so the same 4.6043185.
    expect(psiFromCounts([1, 0], [5, 5])).toBeCloseTo(4.6043185, 6);
  });

  it("is 0 for a single bin and for identical shares", () => {
    expect(psiFromCounts([1], [1234])).toBe(0);
    expect(psiFromCounts(deciles, new Array<number>(10).fill(37))).toBeCloseTo(0, 12);
  });

  it("is symmetric in the reference and current shares", () => {
    const e = [0.1, 0.2, 0.3, 0.4];
    const a = [0.25, 0.25, 0.15, 0.35];
    expect(psiFromCounts(e, a.map((s) => s * 1000))).toBeCloseTo(psiFromCounts(a, e.map((s) => s * 1000))!, 12);
  });

  it("is null for a window without samples, and refuses mismatched or impossible inputs", () => {
    expect(psiFromCounts(deciles, new Array<number>(10).fill(0))).toBeNull();
    expect(() => psiFromCounts(deciles, [1, 2, 3])).toThrow(RangeError);
    expect(() => psiFromCounts([0.5, 0.6], [1, 1])).toThrow(RangeError);
    // Shares rounded to four decimals (0.3333 × 3 = 0.9999) are accepted.
    expect(psiFromCounts([0.3333, 0.3333, 0.3333], [1, 1, 1])).toBeLessThan(1e-7);
    expect(() => psiFromCounts([0.5, 0.5], [1, -1])).toThrow(RangeError);
  });
});

describe("sumBinCounts", () => {
  it("adds windows bin by bin", () => {
    expect(sumBinCounts([[1, 2, 3], [10, 20, 30], [0, 0, 1]])).toEqual([11, 22, 34]);
    expect(sumBinCounts([], 3)).toEqual([0, 0, 0]);
    expect(() => sumBinCounts([[1, 2], [1, 2, 3]])).toThrow(RangeError);
  });

  it("gives a daily PSI from summed counts that differs from the mean of the hourly PSIs", () => {
    const reference = [0.5, 0.5];
    const hours = [[60, 40], [40, 60]];
    // Each hour: 0.0405465 (see above), so their mean is 0.0405465; the day holds [100, 100], exactly the reference: PSI 0.
    const meanOfHourly = hours.reduce((sum, h) => sum + psiFromCounts(reference, h)!, 0) / hours.length;
    expect(meanOfHourly).toBeCloseTo(0.0405465, 7);
    expect(psiFromCounts(reference, sumBinCounts(hours))).toBeCloseTo(0, 12);
  });
});

describe("driftBand", () => {
  it("puts 0.1 and 0.25 in the moderate band", () => {
    expect(driftBand(0)).toBe("stable");
    expect(driftBand(0.0999)).toBe("stable");
    expect(driftBand(0.1)).toBe("moderate");
    expect(driftBand(0.25)).toBe("moderate");
    expect(driftBand(0.2501)).toBe("significant");
    expect(() => driftBand(Number.NaN)).toThrow(RangeError);
  });
});

describe("sampleMinimum", () => {
  it("needs 217 samples for 10 bins: χ²_9,0.99 = 21.666 (table) ÷ 0.1 = 216.66, rounded up", () => {
    expect(sampleMinimum(10)).toBe(217);
    expect(DRIFT_SAMPLE_MINIMUM).toBe(217);
    expect(DRIFT_CONVENTIONS.sampleMinimum).toContain("217");
  });

  it("follows the threshold and false alarm rate: χ²_1,0.99 = 6.635 → 2 bins need 67; χ²_4,0.95 = 9.488 at 0.25 → 38", () => {
    expect(sampleMinimum(2)).toBe(67);
    expect(sampleMinimum(5, { threshold: 0.25, falseAlarmRate: 0.05 })).toBe(38);
    expect(() => sampleMinimum(1)).toThrow(RangeError);
  });

  it("keeps false alarms near 1 % on simulated identical data at the minimum, and far above it at 100 samples", () => {
    const random = seededRandom(20240601);
    const falseAlarmRate = (n: number, trials: number) => {
      let alarms = 0;
      for (let t = 0; t < trials; t++) {
        const counts = new Array<number>(10).fill(0);
        for (let i = 0; i < n; i++) counts[Math.floor(random() * 10)]! += 1;
        if (psiFromCounts(deciles, counts)! > 0.1) alarms += 1;
      }
      return alarms / trials;
    };
    // P(χ²_9 > 21.7) = 0.01; the χ² approximation is asymptotic, so allow 0.5–2 %.
    const atMinimum = falseAlarmRate(DRIFT_SAMPLE_MINIMUM, 20_000);
    expect(atMinimum).toBeGreaterThan(0.005);
    expect(atMinimum).toBeLessThan(0.02);
    // At n = 100: P(χ²_9 > 10) ≈ 0.35.
    expect(falseAlarmRate(100, 5_000)).toBeGreaterThan(0.25);
  });
});
