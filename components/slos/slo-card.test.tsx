// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { chartAxis, SloCard, subjectHref } from "./slo-card";
import { AS_OF, defaultSlo, PERIOD, sloView, spans } from "./slo-view-testing";

afterEach(cleanup);

const RANGE = { from: "2026-11-13T10:00:00.000Z" };

// An incident on churn-endpoint (99.9 %): 30 of the last hour's 1,000 requests failed, 10 of the last 5 minutes' 100.
// Burn rates: 1 h 0.03 ÷ 0.001 = 30×, 5 min 0.1 ÷ 0.001 = 100×, both above 14.4× with 1,000 ≥ 70 requests: the fast page fires.
const INCIDENT = spans({ "5m": [100, 10], "30m": [500, 20], "1h": [1000, 30], "2h": [2000, 30], "6h": [6000, 30], "1d": [24_000, 30], "3d": [72_000, 40], Period: [100_000, 50] });

describe("an SLO's card", () => {
  it("names the SLO, links its endpoint, owner and runbook, and shows the period's SLI, the last hour's and the budget", () => {
    render(<SloCard view={sloView(defaultSlo("churn-endpoint-availability"), { spans: INCIDENT, version: 3 })} range={RANGE} now={AS_OF} />);
    const card = screen.getByTestId("slo-card");
    expect(card.dataset.slo).toBe("churn-endpoint-availability");
    expect(card.id).toBe("churn-endpoint-availability");
    const heading = screen.getByRole("heading", { level: 2, name: "99.9 % of churn-endpoint's live requests succeed over 30 days" });
    expect(within(heading).getByRole("link", { name: "churn-endpoint" }).getAttribute("href")).toBe("/rollouts");
    expect(screen.getByTestId("slo-owner").textContent).toBe("Owner: ML Platform team");
    const runbook = screen.getByRole("link", { name: "Runbook: rollback" });
    expect(runbook.getAttribute("href")).toBe("https://wiki.contoso.com/ml-platform/runbooks/endpoint-rollback");
    expect(card.textContent).toContain("Version 3");
    // 99,950 good of 100,000: 99.95 %, above 99.9 %. The last hour: 970 of 1,000, 97.00 %, below.
    const period = screen.getByTestId("sli-period");
    expect(period.querySelector("[data-sli-state]")!.getAttribute("data-sli-state")).toBe("measured");
    expect(period.textContent).toBe("99.95 %(99,950 good of 100,000 valid requests)Meets the 99.9 % target");
    expect(screen.getByTestId("sli-now").textContent).toBe("97.00 %(970 good of 1,000 valid requests)Below the 99.9 % target");
    // 100,000 requests at 99.9 % allow 100 failures; 50 spent leaves 50, half the budget.
    expect(screen.getByTestId("budget-share").textContent).toBe("50.0 % left");
    expect(screen.getByTestId("budget-remaining").textContent).toContain("50 failed requests left of the 100 failed requests allowed (0.1 % of 100,000 valid requests); 50 spent.");
    // The bar: 50 % of 160 units.
    expect(screen.getByTestId("budget-bar").querySelector("[data-filled]")!.getAttribute("data-filled")).toBe("80");
    expect(screen.getAllByTestId("as-of")[0]!.textContent).toBe("From Log Analytics, as of 2026-11-20 10:00:00 UTC.");
  });

  it("badges the firing page with its sentence, and carries the alert table and the formula", () => {
    render(<SloCard view={sloView(defaultSlo("churn-endpoint-availability"), { spans: INCIDENT })} range={RANGE} />);
    const badge = screen.getByTestId("slo-alert");
    expect(badge.dataset.state).toBe("page");
    expect(badge.textContent).toBe("PagePage: burning 30.0× over 1 h and 100.0× over 5 min, above 14.4×.");
    expect(screen.getAllByTestId("alert-row").map((row) => row.dataset.state)).toEqual(["firing", "ok", "ok", "ok"]);
    expect(screen.getByTestId("slo-formula").textContent).toContain("1 − 99.9 % = 0.1 %");
    expect(screen.getByTestId("slo-card").textContent).toContain("Blueprint default");
  });

  it("says absent, never 0 %, when no telemetry arrived, and badges the alert state absent", () => {
    render(<SloCard view={sloView(defaultSlo("fraud-endpoint-latency"), { spans: spans({}) })} range={RANGE} />);
    const period = screen.getByTestId("sli-period");
    expect(period.querySelector("[data-sli-state]")!.getAttribute("data-sli-state")).toBe("absent");
    expect(period.textContent).toBe("AbsentNo data arrived: No live requests arrived in the last 30 days.");
    expect(screen.getByTestId("sli-now").textContent).toBe("AbsentNo data arrived: No live requests arrived in the last hour.");
    expect(screen.getByTestId("budget-remaining").textContent).toBe("No budget to show: No live requests arrived in the last 30 days.");
    expect(screen.queryByTestId("budget-bar")).toBeNull();
    expect(screen.getByTestId("slo-budget").textContent).not.toMatch(/\b0(\.0+)? %/);
    expect(screen.getByTestId("slo-alert").dataset.state).toBe("absent");
    expect(screen.getByTestId("burn-down-empty")).toBeTruthy();
  });

  it("links a model's SLO to its monitoring page and gives a freshness budget in table-minutes", () => {
    // 17,280 probes at 99 % allow 172.8 stale ones; 80 spent leaves 92.8 (53.7 %), 92.8 × 5 = 464 table-minutes = 7 h 44 min.
    render(<SloCard view={sloView(defaultSlo("churn-xgb-feature-freshness"), { spans: spans({ "30m": [12, 0], "1h": [24, 0], "2h": [48, 0], "6h": [144, 0], "1d": [576, 0], "3d": [1728, 0], Period: [17_280, 80] }) })} range={RANGE} />);
    expect(screen.getByRole("link", { name: "churn_xgb" }).getAttribute("href")).toBe("/monitoring/churn_xgb");
    expect(screen.getByRole("link", { name: "Runbook: feature backfill" })).toBeTruthy();
    expect(screen.getByTestId("budget-share").textContent).toBe("53.7 % left");
    const budget = screen.getByTestId("budget-remaining").textContent;
    expect(budget).toContain("92.8 stale probes left of the 172.8 stale probes allowed (1 % of 17,280 valid probes); 80 spent.");
    expect(budget).toContain("7 h 44 min of stale table-time left.");
    // The 5-minute window saw nothing: the fast page cannot be judged, the slower rows can.
    expect(screen.getByTestId("slo-alert").dataset.state).toBe("partial");
  });

  it("says the alert state is unknown and shows the not-answering panel when the counts were not read", () => {
    const view = sloView(defaultSlo("churn-endpoint-availability"), { spans: INCIDENT });
    const problem = { upstream: "Log Analytics", message: "Log Analytics did not answer within 2000 ms.", notConfigured: false, missing: [] };
    render(<SloCard view={{ ...view, summary: { value: null, asOf: null, staleBecause: null, problem } }} range={RANGE} requestId="req-7" />);
    expect(screen.getByTestId("slo-alert").dataset.state).toBe("unknown");
    expect(screen.getByTestId("slo-alert").textContent).toContain("Log Analytics did not answer.");
    expect(screen.getByTestId("upstream-unavailable").textContent).toContain("quote request id req-7");
    expect(screen.queryByTestId("slo-budget")).toBeNull();
  });

  it("starts the charts at the range's start or the period's, whichever is later", () => {
    expect(chartAxis({ period: PERIOD }, RANGE)).toEqual({ from: RANGE.from, to: PERIOD.to });
    expect(chartAxis({ period: PERIOD }, { from: "2026-09-01T00:00:00.000Z" })).toEqual({ from: PERIOD.from, to: PERIOD.to });
    expect(subjectHref({ kind: "model", name: "fraud lgbm" })).toBe("/monitoring/fraud%20lgbm");
  });
});
