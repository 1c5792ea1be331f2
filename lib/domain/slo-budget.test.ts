import { describe, expect, it } from "vitest";
import { AVAILABILITY_SLO, burnRate, errorBudget } from "./slo-budget";

describe("SLO error budget", () => {
  it("burns at 1× when failures run exactly at the allowed rate, and the budget is then spent", () => {
    const budget = errorBudget({ total: 1_000_000, bad: 1000 }, 0.999);
    expect(budget.allowedBad).toBeCloseTo(1000, 6);
    expect(budget.burnRate).toBeCloseTo(1, 9);
    expect(budget.remaining).toBeCloseTo(0, 9);
  });

  it("keeps most of the budget at the emulator's healthy error rate… and overspends it when regressed", () => {
    expect(errorBudget({ total: 2_000_000, bad: 500 }, AVAILABILITY_SLO.target).remaining).toBeCloseTo(0.75, 9);
    const regressed = errorBudget({ total: 100_000, bad: 3300 }, AVAILABILITY_SLO.target);
    expect(regressed.burnRate).toBeCloseTo(33, 6);
    expect(regressed.remaining).toBeCloseTo(-32, 6);
  });

  it("follows DESIGN's multi-window thresholds: 14.4× burns a 30-day budget in about 2 days", () => {
    const rate = burnRate({ total: 100_000, bad: 1440 }, 0.999)!;
    expect(rate).toBeCloseTo(14.4, 9);
    expect(30 / rate).toBeCloseTo(2.083, 3);
  });

  it("treats a period without traffic as untouched, with no burn rate", () => {
    expect(errorBudget({ total: 0, bad: 0 }, 0.999)).toEqual({ total: 0, bad: 0, target: 0.999, allowedBad: 0, remaining: 1, burnRate: null });
  });

  it("refuses impossible inputs rather than returning a misleading number", () => {
    expect(() => errorBudget({ total: 10, bad: 11 }, 0.999)).toThrow(RangeError);
    expect(() => errorBudget({ total: -1, bad: 0 }, 0.999)).toThrow(RangeError);
    expect(() => errorBudget({ total: 10, bad: Number.NaN }, 0.999)).toThrow(RangeError);
    expect(() => errorBudget({ total: 10, bad: 0 }, 1)).toThrow(RangeError);
    expect(() => burnRate({ total: 10, bad: 0 }, 0)).toThrow(RangeError);
  });
});
