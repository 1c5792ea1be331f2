import { describe, expect, it } from "vitest";
import { decileLift, gainCurve, liftAgainstChampion, type DecileOutcomeCounts } from "./lift";

// 10 deciles of 100 predictions, 100 positives in all: the overall rate is 100 / 1000 = 0.1.
const positivesByDecile = [30, 20, 15, 10, 8, 6, 4, 3, 2, 2];
const churnRows: DecileOutcomeCounts[] = positivesByDecile.map((positives, i) => ({ decile: i + 1, predictions: 100, positives }));

describe("decileLift", () => {
  it("gives each decile's rate and lift against random targeting", () => {
    const lift = decileLift(churnRows);
    expect(lift.overallRate).toBeCloseTo(0.1, 12);
    expect(lift.predictions).toBe(1000);
    expect(lift.positives).toBe(100);
    // Decile 1: 30/100 = 0.3, ÷ 0.1 = 3; decile 10: 2/100 = 0.02, ÷ 0.1 = 0.2.
    expect(lift.deciles[0]!.rate).toBeCloseTo(0.3, 12);
    expect(lift.deciles[0]!.lift).toBeCloseTo(3, 12);
    expect(lift.deciles[9]!.lift).toBeCloseTo(0.2, 12);
  });

  it("accumulates from the top decile: top 30 % holds 30 + 20 + 15 = 65 of 100 positives", () => {
    const top3 = decileLift(churnRows).deciles[2]!;
    expect(top3.cumulativeShare).toBeCloseTo(0.3, 12);
    expect(top3.cumulativeGain).toBeCloseTo(0.65, 12);
    // Rate of the top 30 %: 65 / 300 = 0.21667, ÷ 0.1 = 2.1667 (= gain ÷ share, 0.65 / 0.3).
    expect(top3.cumulativeLift).toBeCloseTo(2.166667, 6);
    const all = decileLift(churnRows).deciles[9]!;
    expect(all.cumulativeGain).toBeCloseTo(1, 12);
    expect(all.cumulativeLift).toBeCloseTo(1, 12);
  });

  it("gives each decile a Wilson interval: 10/100 → [0.0552, 0.1744] (table)", () => {
    const fourth = decileLift(churnRows).deciles[3]!;
    expect(fourth.interval!.lower).toBeCloseTo(0.0552, 4);
    expect(fourth.interval!.upper).toBeCloseTo(0.1744, 4);
  });

  it("keeps empty and missing deciles with null rates, in decile order", () => {
    // Deciles 3 (no predictions) and 10 (absent) are empty: 40 + 20 + 10 positives of 300 predictions.
    const rows: DecileOutcomeCounts[] = [
      { decile: 2, predictions: 100, positives: 20 },
      { decile: 1, predictions: 100, positives: 40 },
      { decile: 3, predictions: 0, positives: 0 },
      ...[4, 5, 6, 7, 8, 9].map((decile) => ({ decile, predictions: decile === 4 ? 100 : 0, positives: decile === 4 ? 10 : 0 })),
    ];
    const lift = decileLift(rows);
    expect(lift.deciles.map((d) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(lift.deciles[2]).toMatchObject({ rate: null, lift: null, interval: null });
    expect(lift.deciles[9]).toMatchObject({ predictions: 0, positives: 0, rate: null });
    // Through decile 3 the cumulative figures carry on from decile 2: 60 of 70 positives, 200 of 300 predictions.
    expect(lift.deciles[2]!.cumulativeGain).toBeCloseTo(60 / 70, 12);
    expect(lift.deciles[2]!.cumulativeShare).toBeCloseTo(2 / 3, 12);
    // Overall 70 / 300; decile 1 lift 0.4 / (7/30) = 1.7143.
    expect(lift.deciles[0]!.lift).toBeCloseTo(1.714286, 6);
  });

  it("has no rates without predictions and no lift or gain without positives", () => {
    expect(decileLift([]).overallRate).toBeNull();
    const none = decileLift([{ decile: 1, predictions: 50, positives: 0 }]);
    expect(none.overallRate).toBe(0);
    expect(none.deciles[0]).toMatchObject({ rate: 0, lift: null, cumulativeGain: null });
  });

  it("refuses rows a summarize by decile cannot produce", () => {
    expect(() => decileLift([{ decile: 0, predictions: 1, positives: 0 }])).toThrow(RangeError);
    expect(() => decileLift([{ decile: 11, predictions: 1, positives: 0 }])).toThrow(RangeError);
    expect(() => decileLift([{ decile: 1, predictions: 1, positives: 2 }])).toThrow(RangeError);
    expect(() => decileLift([churnRows[0]!, churnRows[0]!])).toThrow(RangeError);
  });
});

describe("gainCurve", () => {
  it("runs from (0, 0) through each decile's capture rate to (1, 1), with the random and perfect lines", () => {
    const curve = gainCurve(churnRows)!;
    expect(curve.model).toHaveLength(11);
    expect(curve.model[0]).toEqual({ x: 0, y: 0 });
    // Cumulative positives 30, 50, 65 of 100 at 10 %, 20 %, 30 %.
    expect(curve.model[1]).toEqual({ x: expect.closeTo(0.1, 12), y: expect.closeTo(0.3, 12) });
    expect(curve.model[2]).toEqual({ x: expect.closeTo(0.2, 12), y: expect.closeTo(0.5, 12) });
    expect(curve.model[3]).toEqual({ x: expect.closeTo(0.3, 12), y: expect.closeTo(0.65, 12) });
    expect(curve.model[10]).toEqual({ x: expect.closeTo(1, 12), y: expect.closeTo(1, 12) });
    expect(curve.random).toEqual([{ x: 0, y: 0 }, { x: 1, y: 1 }]);
    // Prevalence 0.1: a perfect model captures everyone in the top 10 %.
    expect(curve.prevalence).toBeCloseTo(0.1, 12);
    expect(curve.perfect).toEqual([{ x: 0, y: 0 }, { x: expect.closeTo(0.1, 12), y: 1 }, { x: 1, y: 1 }]);
  });

  it("skips empty deciles and is null without positives", () => {
    const rows = [
      { decile: 1, predictions: 10, positives: 5 },
      { decile: 2, predictions: 0, positives: 0 },
      { decile: 3, predictions: 10, positives: 5 },
    ];
    expect(gainCurve(rows)!.model).toEqual([{ x: 0, y: 0 }, { x: 0.5, y: 0.5 }, { x: 1, y: 1 }]);
    expect(gainCurve([{ decile: 1, predictions: 10, positives: 0 }])).toBeNull();
    expect(gainCurve([])).toBeNull();
  });
});

describe("liftAgainstChampion", () => {
  it("compares top-decile lifts: 3 (30 % vs 10 %) against 2 (20 % vs 10 %) is 1.5×", () => {
    const championRows = [20, 18, 15, 12, 10, 9, 7, 5, 3, 1].map((positives, i) => ({ decile: i + 1, predictions: 100, positives }));
    const comparison = liftAgainstChampion(decileLift(churnRows), decileLift(championRows))!;
    expect(comparison.challengerTopDecileLift).toBeCloseTo(3, 12);
    expect(comparison.championTopDecileLift).toBeCloseTo(2, 12);
    expect(comparison.ratio).toBeCloseTo(1.5, 12);
  });

  it("is null when either side is missing, and has no ratio against a champion whose top decile caught nobody", () => {
    expect(liftAgainstChampion(decileLift(churnRows), null)).toBeNull();
    expect(liftAgainstChampion(null, decileLift(churnRows))).toBeNull();
    expect(liftAgainstChampion(decileLift(churnRows), decileLift([{ decile: 2, predictions: 10, positives: 1 }]))).toBeNull();
    const blindChampion = decileLift([{ decile: 1, predictions: 10, positives: 0 }, { decile: 2, predictions: 10, positives: 5 }]);
    expect(liftAgainstChampion(decileLift(churnRows), blindChampion)).toEqual({ challengerTopDecileLift: expect.closeTo(3, 12), championTopDecileLift: 0, ratio: null });
  });
});
