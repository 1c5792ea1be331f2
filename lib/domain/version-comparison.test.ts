import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "./promotion-policy";
import { compareWithChampion, judgeDelta, metricDirections } from "./version-comparison";

describe("comparison with the champion", () => {
  const v7 = {
    metrics: { auc: 0.874, fairness_dp_diff: 0.047, f1: 0.71, only_new: 1 },
    params: [{ key: "max_depth", value: "8" }, { key: "eta", value: "0.05" }, { key: "features", value: "v2" }],
  };
  const v6 = {
    metrics: { auc: 0.861, fairness_dp_diff: 0.052, f1: Number.NaN, only_old: 2 },
    params: [{ key: "max_depth", value: "6" }, { key: "eta", value: "0.05" }, { key: "subsample", value: "0.8" }],
  };

  it("gives deltas for metrics both logged, without float noise, and lists the others", () => {
    const comparison = compareWithChampion(v7, v6);
    expect(comparison.metrics.map((metric) => metric.key)).toEqual(["auc", "f1", "fairness_dp_diff"]);
    expect(comparison.metrics[0]).toEqual({ key: "auc", version: 0.874, champion: 0.861, delta: 0.013 });
    expect(Number.isNaN(comparison.metrics[1]!.delta)).toBe(true);
    expect(comparison.metricsOnlyInVersion).toEqual(["only_new"]);
    expect(comparison.metricsOnlyInChampion).toEqual(["only_old"]);
  });

  it("lists only params that differ or that one side lacks", () => {
    const comparison = compareWithChampion(v7, v6);
    expect(comparison.params).toEqual([
      { key: "features", version: "v2", champion: null },
      { key: "max_depth", version: "8", champion: "6" },
      { key: "subsample", version: null, champion: "0.8" },
    ]);
    expect(comparison.sameParamCount).toBe(1);
  });

  it("judges a change by the direction the policy gives each metric", () => {
    const directions = metricDirections(DEFAULT_POLICY.rules);
    expect(directions).toEqual({ auc: "higher", fairness_dp_diff: "lower", robustness_score: "higher", shap_drift: "lower" });
    expect(judgeDelta(0.013, directions.auc)).toBe("better");
    expect(judgeDelta(-0.005, directions.fairness_dp_diff)).toBe("better");
    expect(judgeDelta(0.01, directions.shap_drift)).toBe("worse");
    expect(judgeDelta(0, "higher")).toBe("same");
    expect(judgeDelta(0.1, undefined)).toBe("unknown");
    expect(judgeDelta(Number.NaN, "higher")).toBe("unknown");
  });
});
