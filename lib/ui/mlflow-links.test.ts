import { describe, expect, it } from "vitest";
import { experimentHref, modelHref, runHref, segmentText, versionHref } from "./mlflow-links";

describe("links to MLflow's entities", () => {
  it("encodes each part once", () => {
    expect(modelHref("churn xgb/v2")).toBe("/models/churn%20xgb%2Fv2");
    expect(versionHref("churn_xgb", "7")).toBe("/models/churn_xgb/versions/7");
    expect(experimentHref("1")).toBe("/experiments/1");
    expect(runHref("1", "abc")).toBe("/experiments/1/runs/abc");
    expect(runHref("3", "r7", "datasets")).toBe("/experiments/3/runs/r7#datasets");
  });

  it("reads a route segment back as text, leaving malformed escapes as they are", () => {
    expect(segmentText("churn%20xgb")).toBe("churn xgb");
    expect(segmentText("churn_xgb")).toBe("churn_xgb");
    expect(segmentText("100%25%zz")).toBe("100%25%zz");
  });
});
