// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { AppliedAliasBanner } from "./applied-alias-banner";

const APPLIED = "2026-12-01T09:30:00.000Z";
const READ = "2026-12-03T10:00:05.000Z";

describe("AppliedAliasBanner", () => {
  afterEach(cleanup);

  it("shows nothing before the alias was applied, or while MLflow agrees", () => {
    const { container } = render(
      <>
        <AppliedAliasBanner model="churn_xgb" check={null} />
        <AppliedAliasBanner model="churn_xgb" check={{ state: "agrees", alias: "challenger", version: "7", asOf: READ }} />
      </>,
    );
    expect(container.textContent).toBe("");
  });

  it("says where the alias points now, that it was changed outside Stagegate, what to do, and when MLflow was read", () => {
    render(<AppliedAliasBanner model="churn_xgb" check={{ state: "diverged", alias: "challenger", approvedVersion: "7", currentVersion: "6", appliedAt: APPLIED, asOf: READ }} />);
    const banner = screen.getByRole("alert");
    expect(banner.textContent).toContain("Alias challenger now points to v6 in MLflow, not v7 as approved and applied on 2026-12-01 09:30:00 UTC; someone changed it outside Stagegate.");
    expect(banner.textContent).toContain("point challenger back to v7 in MLflow");
    expect(screen.getByRole("link", { name: "its promotion" }).getAttribute("href")).toBe("/models/churn_xgb/versions/6");
    expect(banner.textContent).toContain("MLflow read at 2026-12-03 10:00:05 UTC.");
  });

  it("a deleted alias, and a last good answer while MLflow is down, say so", () => {
    render(
      <AppliedAliasBanner
        model="churn_xgb"
        check={{ state: "diverged", alias: "challenger", approvedVersion: "7", currentVersion: null, appliedAt: APPLIED, asOf: READ, staleBecause: "MLflow refused with 503." }}
      />,
    );
    const banner = screen.getByRole("alert");
    expect(banner.textContent).toContain("Alias challenger no longer exists in MLflow, though Stagegate set it to v7 on 2026-12-01 09:30:00 UTC");
    expect(screen.queryByRole("link")).toBeNull();
    expect(banner.textContent).toContain("MLflow read at 2026-12-03 10:00:05 UTC; it is not answering now (MLflow refused with 503.), so this is its last answer.");
  });

  it("MLflow unreachable: the check could not be made; a later approval: a note linking to it", () => {
    render(
      <>
        <AppliedAliasBanner model="churn_xgb" check={{ state: "unchecked", alias: "challenger", problem: { upstream: "MLflow", message: "MLflow could not be reached (ECONNREFUSED).", notConfigured: false, missing: [] } }} />
        <AppliedAliasBanner model="churn_xgb" check={{ state: "superseded", alias: "challenger", by: { requestId: "r-8", version: "8", appliedAt: APPLIED } }} />
      </>,
    );
    expect(screen.getByTestId("alias-check-unavailable").textContent).toContain("could not check whether alias challenger still points to this version in MLflow: MLflow could not be reached (ECONNREFUSED).");
    expect(screen.getByTestId("alias-superseded").textContent).toContain("Stagegate has since moved alias challenger to v8");
    expect(screen.getByRole("link", { name: "a later approval" }).getAttribute("href")).toBe("/approvals/r-8");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
