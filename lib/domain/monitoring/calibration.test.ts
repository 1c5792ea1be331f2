import { describe, expect, it } from "vitest";
import { brierScore, calibrationBinOf, reliabilityDiagram, type CalibrationBinCounts } from "./calibration";

// Eight predictions (score → label):
//   bin 1: 0.12 → 0, 0.18 → 1                     scoreSum 0.30, positives 1, Σ(s − y)² = 0.0144 + 0.6724 = 0.6868
//   bin 7: 0.70 → 1, 0.74 → 1, 0.76 → 1, 0.78 → 0  scoreSum 2.98, positives 3, Σ(s − y)² = 0.09 + 0.0676 + 0.0576 + 0.6084 = 0.8236
//   bin 9: 0.95 → 1, 1.00 → 1                     scoreSum 1.95, positives 2, Σ(s − y)² = 0.0025 + 0 = 0.0025
// plus bin 4 as an empty row (a query joining every bin may return one).
const rows: CalibrationBinCounts[] = [
  { bin: 7, predictions: 4, scoreSum: 2.98, positives: 3, squaredErrorSum: 0.8236 },
  { bin: 1, predictions: 2, scoreSum: 0.3, positives: 1, squaredErrorSum: 0.6868 },
  { bin: 4, predictions: 0, scoreSum: 0, positives: 0, squaredErrorSum: 0 },
  { bin: 9, predictions: 2, scoreSum: 1.95, positives: 2, squaredErrorSum: 0.0025 },
];

describe("calibrationBinOf", () => {
  it("cuts [0, 1] into equal bins, lower edge included, with 1.0 in the last bin", () => {
    expect(calibrationBinOf(0)).toBe(0);
    expect(calibrationBinOf(0.0999)).toBe(0);
    expect(calibrationBinOf(0.1)).toBe(1);
    expect(calibrationBinOf(0.95)).toBe(9);
    expect(calibrationBinOf(1)).toBe(9);
    expect(calibrationBinOf(0.5, 5)).toBe(2);
    expect(() => calibrationBinOf(1.01)).toThrow(RangeError);
    expect(() => calibrationBinOf(Number.NaN)).toThrow(RangeError);
  });
});

describe("reliabilityDiagram", () => {
  it("gives mean predicted and observed rate per non-empty bin, in score order", () => {
    const diagram = reliabilityDiagram(rows);
    expect(diagram.points.map((p) => p.bin)).toEqual([1, 7, 9]);
    expect(diagram.predictions).toBe(8);
    // 0.30 / 2 = 0.15 vs 1/2; 2.98 / 4 = 0.745 vs 3/4; 1.95 / 2 = 0.975 vs 2/2.
    expect(diagram.points.map((p) => p.meanPredicted)).toEqual([expect.closeTo(0.15, 12), expect.closeTo(0.745, 12), expect.closeTo(0.975, 12)]);
    expect(diagram.points.map((p) => p.observed)).toEqual([0.5, 0.75, 1]);
    expect(diagram.points[0]).toMatchObject({ lower: 0.1, upper: 0.2, count: 2 });
  });

  it("weights the expected calibration error by count: (2·0.35 + 4·0.005 + 2·0.025) / 8 = 0.09625", () => {
    expect(reliabilityDiagram(rows).expectedCalibrationError).toBeCloseTo(0.09625, 12);
  });

  it("gives each bin a Wilson interval: 2 of 2 → [2 / (2 + 1.96²), 1] = [0.3424, 1]", () => {
    const last = reliabilityDiagram(rows).points[2]!;
    expect(last.interval.lower).toBeCloseTo(0.3424, 4);
    expect(last.interval.upper).toBeCloseTo(1, 12);
  });

  it("gives the Brier score from the bins' squared errors: (0.6868 + 0.8236 + 0.0025) / 8 = 0.1891125", () => {
    expect(reliabilityDiagram(rows).brierScore).toBeCloseTo(0.1891125, 12);
    const withoutSquaredErrors = rows.map(({ squaredErrorSum: _omitted, ...rest }) => rest);
    expect(reliabilityDiagram(withoutSquaredErrors).brierScore).toBeNull();
    expect(reliabilityDiagram(withoutSquaredErrors).expectedCalibrationError).toBeCloseTo(0.09625, 12);
  });

  it("is perfectly calibrated when observed rates equal mean scores", () => {
    const calibrated = reliabilityDiagram([{ bin: 2, predictions: 20, scoreSum: 5, positives: 5 }, { bin: 8, predictions: 20, scoreSum: 17, positives: 17 }]);
    expect(calibrated.expectedCalibrationError).toBeCloseTo(0, 12);
  });

  it("has no ECE or Brier score without predictions, and refuses impossible rows", () => {
    expect(reliabilityDiagram([])).toEqual({ points: [], predictions: 0, expectedCalibrationError: null, brierScore: null });
    expect(() => reliabilityDiagram([{ bin: 10, predictions: 1, scoreSum: 0.5, positives: 0 }])).toThrow(RangeError);
    expect(() => reliabilityDiagram([{ bin: 1, predictions: 1, scoreSum: 1.5, positives: 0 }])).toThrow(RangeError);
    expect(() => reliabilityDiagram([{ bin: 1, predictions: 1, scoreSum: 0.5, positives: 2 }])).toThrow(RangeError);
    expect(() => reliabilityDiagram([rows[0]!, rows[0]!])).toThrow(RangeError);
    // A mean score outside its bin means the query binned differently (e.g. 1-based): bin 1 is [0.1, 0.2).
    expect(() => reliabilityDiagram([{ bin: 1, predictions: 2, scoreSum: 0.1, positives: 0 }])).toThrow(/outside/);
  });
});

describe("brierScore", () => {
  it("is the mean squared error: always predicting 0.5 scores 0.25 whatever the labels", () => {
    // 20 predictions of 0.5: every (0.5 − y)² = 0.25, so Σ = 5 and the mean is 0.25.
    expect(brierScore({ squaredErrorSum: 5, predictions: 20 })).toBe(0.25);
    expect(brierScore({ squaredErrorSum: 0, predictions: 0 })).toBeNull();
    expect(() => brierScore({ squaredErrorSum: -1, predictions: 2 })).toThrow(RangeError);
  });
});
