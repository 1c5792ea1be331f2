import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./wilson-interval";

describe("wilsonInterval", () => {
  it("matches tabulated 95 % Wilson intervals", () => {
    // 10/100 → [0.0552, 0.1744] (Newcombe 1998, method 3; also R's prop.test without continuity correction).
    const tenOfHundred = wilsonInterval(10, 100)!;
    expect(tenOfHundred.lower).toBeCloseTo(0.0552, 4);
    expect(tenOfHundred.upper).toBeCloseTo(0.1744, 4);
    // 81/263 → [0.2553, 0.3662] (Newcombe 1998, Table I example).
    const newcombe = wilsonInterval(81, 263)!;
    expect(newcombe.lower).toBeCloseTo(0.2553, 4);
    expect(newcombe.upper).toBeCloseTo(0.3662, 4);
  });

  it("stays inside [0, 1] at the extremes: 0/10 → [0, z²/(n + z²)] = [0, 0.2775]", () => {
    // Upper bound at 0 successes: z²/(n + z²) = 3.841459 / 13.841459 = 0.277533.
    expect(wilsonInterval(0, 10)).toEqual({ lower: 0, upper: expect.closeTo(0.277533, 6) });
    // By symmetry 10/10 → [1 − 0.277533, 1].
    expect(wilsonInterval(10, 10)).toEqual({ lower: expect.closeTo(0.722467, 6), upper: expect.closeTo(1, 12) });
  });

  it("is null without trials and refuses impossible counts", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
  });
});
