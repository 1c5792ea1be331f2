import { describe, expect, it } from "vitest";
import { chiSquareCdf, chiSquareQuantile } from "./chi-square";

describe("chiSquareQuantile", () => {
  it("matches printed table values (3 decimals, so a tolerance of 1e-3)", () => {
    expect(Math.abs(chiSquareQuantile(0.99, 9) - 21.666)).toBeLessThan(1e-3);
    expect(Math.abs(chiSquareQuantile(0.99, 1) - 6.635)).toBeLessThan(1e-3);
    expect(Math.abs(chiSquareQuantile(0.95, 4) - 9.488)).toBeLessThan(1e-3);
    expect(Math.abs(chiSquareQuantile(0.95, 1) - 3.841)).toBeLessThan(1e-3);
  });

  it("agrees with closed forms: χ²_1 = z² of the two-sided normal quantile, χ²_2 = −2 ln(1 − p)", () => {
    // z_{(1+p)/2} to 16 digits (normal tables): p = 0.5 → z_0.75, 0.9 → z_0.95, 0.95 → z_0.975, 0.99 → z_0.995.
    const zTable: [number, number][] = [
      [0.5, 0.6744897501960817],
      [0.9, 1.6448536269514722],
      [0.95, 1.959963984540054],
      [0.99, 2.5758293035489004],
    ];
    for (const [p, z] of zTable) {
      expect(chiSquareQuantile(p, 1)).toBeCloseTo(z ** 2, 8);
      expect(chiSquareQuantile(p, 2)).toBeCloseTo(-2 * Math.log(1 - p), 8);
    }
  });

  it("refuses p outside (0, 1) and non-positive degrees of freedom", () => {
    expect(() => chiSquareQuantile(1, 9)).toThrow(RangeError);
    expect(() => chiSquareQuantile(0, 9)).toThrow(RangeError);
    expect(() => chiSquareQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe("chiSquareCdf", () => {
  it("agrees with the closed forms for 2 and 4 degrees of freedom on both sides of the series/fraction switch", () => {
    for (const x of [0.1, 1, 2.5, 4, 9.488, 30]) {
      expect(chiSquareCdf(x, 2)).toBeCloseTo(1 - Math.exp(-x / 2), 12);
      expect(chiSquareCdf(x, 4)).toBeCloseTo(1 - Math.exp(-x / 2) * (1 + x / 2), 12);
    }
    expect(chiSquareCdf(0, 9)).toBe(0);
  });
});
