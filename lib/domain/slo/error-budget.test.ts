import { describe, expect, it } from "vitest";
import { AVAILABILITY_SLO, burnDown, burnRate, burnRateSeries, errorBudget, remainingMinutes } from "./error-budget";

describe("SLO error budget", () => {
  it("burns at 1× when failures run exactly at the allowed rate, and the budget is then spent", () => {
    const budget = errorBudget({ total: 1_000_000, bad: 1000 }, 0.999);
    expect(budget.allowedBad).toBeCloseTo(1000, 6);
    expect(budget.burnRate).toBeCloseTo(1, 9);
    expect(budget.remaining).toBeCloseTo(0, 9);
    expect(budget.remainingEvents).toBeCloseTo(0, 6);
  });

  it("keeps most of the budget at the emulator's healthy error rate… and overspends it when regressed", () => {
    // 2 000 000 requests at 99.9 % allow 2000 failures; 500 spent leaves 1500, i.e. 75 %.
    const healthy = errorBudget({ total: 2_000_000, bad: 500 }, AVAILABILITY_SLO.target);
    expect(healthy.remaining).toBeCloseTo(0.75, 9);
    expect(healthy.remainingEvents).toBeCloseTo(1500, 6);
    // 100 000 requests allow 100 failures; 3300 is 33× that, and 3200 beyond it.
    const regressed = errorBudget({ total: 100_000, bad: 3300 }, AVAILABILITY_SLO.target);
    expect(regressed.burnRate).toBeCloseTo(33, 6);
    expect(regressed.remaining).toBeCloseTo(-32, 6);
    expect(regressed.remainingEvents).toBeCloseTo(-3200, 6);
  });

  it("follows DESIGN's multi-window thresholds: 14.4× burns a 30-day budget in about 2 days", () => {
    const rate = burnRate({ total: 100_000, bad: 1440 }, 0.999)!;
    expect(rate).toBeCloseTo(14.4, 9);
    expect(30 / rate).toBeCloseTo(2.083, 3);
  });

  it("treats a period without traffic as untouched, with no burn rate", () => {
    expect(errorBudget({ total: 0, bad: 0 }, 0.999)).toEqual({ total: 0, bad: 0, target: 0.999, allowedBad: 0, remaining: 1, remainingEvents: 0, burnRate: null });
  });

  it("refuses impossible inputs rather than returning a misleading number", () => {
    expect(() => errorBudget({ total: 10, bad: 11 }, 0.999)).toThrow(RangeError);
    expect(() => errorBudget({ total: -1, bad: 0 }, 0.999)).toThrow(RangeError);
    expect(() => errorBudget({ total: 10, bad: Number.NaN }, 0.999)).toThrow(RangeError);
    expect(() => errorBudget({ total: 10, bad: 0 }, 1)).toThrow(RangeError);
    expect(() => burnRate({ total: 10, bad: 0 }, 0)).toThrow(RangeError);
  });
});

describe("budget remaining in minutes (probe-based SLIs)", () => {
  it("turns the freshness budget into minutes of staleness left", () => {
    // One table probed every 5 min for 30 days: 30 × 24 × 12 = 8640 probes; 99 % allows 86.4 bad.
    // Stale for 2 h = 24 bad probes, leaving 62.4 probes × 5 min = 312 min
    // (cross-check: 1 % of 43 200 min = 432 min allowed, 120 spent).
    const budget = errorBudget({ total: 8640, bad: 24 }, 0.99);
    expect(remainingMinutes(budget, 5)).toBeCloseTo(312, 6);
    expect(remainingMinutes({ remainingEvents: -3 }, 5)).toBe(-15);
    expect(() => remainingMinutes(budget, 0)).toThrow(RangeError);
  });
});

// Four cells at 99 %: 5000 events in the period allow 50 bad ones.
const CELLS = [
  { start: "2026-11-01T00:00:00Z", good: 1000, total: 1000 }, // 0 bad
  { start: "2026-11-02T00:00:00Z", good: 990, total: 1000 }, // 10 bad
  { start: "2026-11-03T00:00:00Z", good: 1970, total: 2000 }, // 30 bad
  { start: "2026-11-04T00:00:00Z", good: 1000, total: 1000 }, // 0 bad
];

describe("burn-down over the period", () => {
  it("falls by each cell's bad events against the whole period's allowance, beside the 1× line", () => {
    const points = burnDown(CELLS, 0.99);
    expect(points.map((point) => point.start)).toEqual(CELLS.map((cell) => cell.start));
    // Cumulative bad 0, 10, 40, 40 of 50: remaining 1, 0.8, 0.2, 0.2; in events 50, 40, 10, 10.
    points.forEach((point, index) => {
      expect(point.remaining).toBeCloseTo([1, 0.8, 0.2, 0.2][index]!, 9);
      expect(point.remainingEvents).toBeCloseTo([50, 40, 10, 10][index]!, 9);
      // Cumulative events 1000, 2000, 4000, 5000 of 5000: a 1× burn would leave 0.8, 0.6, 0.2, 0.
      expect(point.ideal).toBeCloseTo([0.8, 0.6, 0.2, 0][index]!, 9);
    });
  });

  it("ends where the period's budget stands", () => {
    // The period: 5000 events, 40 bad; 1 − 40 / 50 = 0.2.
    expect(burnDown(CELLS, 0.99).at(-1)!.remaining).toBeCloseTo(0.2, 9);
    expect(errorBudget({ total: 5000, bad: 40 }, 0.99).remaining).toBeCloseTo(0.2, 9);
  });

  it("stays untouched through a period without events, and refuses bad cells", () => {
    expect(burnDown([{ start: "a", good: 0, total: 0 }], 0.99)).toEqual([{ start: "a", remaining: 1, remainingEvents: 0, ideal: 1 }]);
    expect(burnDown([], 0.99)).toEqual([]);
    expect(() => burnDown([{ start: "a", good: 11, total: 10 }], 0.99)).toThrow(/cell starting a/);
    expect(() => burnDown([{ start: "a", good: 1, total: Number.POSITIVE_INFINITY }], 0.99)).toThrow(RangeError);
    expect(() => burnDown(CELLS, 1)).toThrow(RangeError);
  });
});

describe("burn rate per cell", () => {
  it("gives each cell its own rate, and none for an empty cell", () => {
    // 0 / 1000 / 0.01 = 0; 10 / 1000 / 0.01 = 1; 30 / 2000 / 0.01 = 1.5; 0.
    const rates = burnRateSeries([...CELLS, { start: "2026-11-05T00:00:00Z", good: 0, total: 0 }], 0.99).map((point) => point.burnRate);
    expect(rates.slice(0, 4).map((rate) => Number(rate!.toFixed(9)))).toEqual([0, 1, 1.5, 0]);
    expect(rates[4]).toBeNull();
    expect(() => burnRateSeries([{ start: "a", good: -1, total: 10 }], 0.99)).toThrow(RangeError);
  });
});
