import { describe, expect, it } from "vitest";
import { hasCurve, shapeMetricHistory, thinPoints } from "./metric-history";

const point = (step: number, value: number, timestamp = step * 1000) => ({ step, value, timestamp });

describe("metric history for charts", () => {
  it("orders points by step, turns NaN and infinities into gaps, and summarizes the finite values", () => {
    const series = shapeMetricHistory("loss", [point(2, 0.3), point(0, 0.7), point(1, Number.NaN), point(3, Number.POSITIVE_INFINITY)]);
    expect(series.points.map((entry) => [entry.step, entry.value])).toEqual([
      [0, 0.7],
      [1, null],
      [2, 0.3],
      [3, null],
    ]);
    expect(series.summary).toEqual({ count: 4, first: 0.7, last: 0.3, min: 0.3, max: 0.7, nonFinite: 2, firstStep: 0, lastStep: 3 });
    expect(series.thinned).toBe(false);
    expect(hasCurve(series)).toBe(true);
  });

  it("breaks step ties by time and charts nothing for a single value or a single step", () => {
    const sameStep = shapeMetricHistory("auc", [point(0, 0.9, 20), point(0, 0.8, 10)]);
    expect(sameStep.points.map((entry) => entry.value)).toEqual([0.8, 0.9]);
    expect(hasCurve(sameStep)).toBe(false);
    expect(hasCurve(shapeMetricHistory("auc", [point(0, 0.9)]))).toBe(false);
    expect(shapeMetricHistory("empty", []).summary).toMatchObject({ count: 0, first: null, min: null });
  });

  it("thins long histories but keeps the ends and every bucket's extremes", () => {
    const history = Array.from({ length: 10_000 }, (_, step) => point(step, Math.sin(step / 50)));
    history[5_000] = point(5_000, 42);
    const series = shapeMetricHistory("wave", history, 200);
    expect(series.thinned).toBe(true);
    expect(series.points.length).toBeLessThanOrEqual(200);
    expect(series.points[0]!.step).toBe(0);
    expect(series.points.at(-1)!.step).toBe(9_999);
    expect(series.points.some((entry) => entry.value === 42)).toBe(true);
    expect(series.summary.count).toBe(10_000);
    expect(series.summary.max).toBe(42);
    const steps = series.points.map((entry) => entry.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });

  it("leaves short histories alone", () => {
    const points = [{ value: 1 }, { value: null }, { value: 3 }];
    expect(thinPoints(points, 10)).toEqual(points);
  });
});
