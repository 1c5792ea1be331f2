import { describe, expect, it } from "vitest";
import { describeSeries } from "./run-metric-charts";

describe("a chart's text alternative", () => {
  it("names the range, the ends and the extremes, and the gaps", () => {
    expect(describeSeries("val_auc", { count: 16, first: 0.5476, last: 0.8524, min: 0.5476, max: 0.85561, nonFinite: 0, firstStep: 0, lastStep: 15 })).toBe(
      "val_auc: 16 values over steps 0–15; first 0.5476, last 0.8524, min 0.5476, max 0.8556.",
    );
    expect(describeSeries("loss", { count: 3, first: 0.7, last: null, min: 0.7, max: 0.7, nonFinite: 2, firstStep: 0, lastStep: 2 })).toContain(
      "last none, min 0.7, max 0.7; 2 not a finite number (NaN or infinite), shown as gaps.",
    );
  });
});
