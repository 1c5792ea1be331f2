import { describe, expect, it } from "vitest";
import { refusalMessageFor } from "./page-permissions";

describe("refusalMessageFor", () => {
  it("names the role of the permission the page's verb checks", () => {
    expect(refusalMessageFor("/admin/templates")).toContain("Stagegate.Admin role to view and edit rollout templates");
    expect(refusalMessageFor("/admin/slos")).toContain("Stagegate.Admin role to view and edit SLOs");
    expect(refusalMessageFor("/status")).toContain("Stagegate.Viewer");
    expect(refusalMessageFor("/rollouts/new")).toMatch(/Stagegate\.MLEngineer or Stagegate\.MLLead/);
    expect(refusalMessageFor("/models/churn_xgb/versions/7")).toBe(refusalMessageFor("/experiments/1"));
  });

  it("does not match a longer name by prefix, and has a general sentence for other paths", () => {
    expect(refusalMessageFor("/statuses")).toContain("do not open this page");
    expect(refusalMessageFor(null)).toContain("do not open this page");
  });
});
