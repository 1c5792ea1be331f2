// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RolloutStepSummary } from "@/lib/rollouts/read-rollout";
import type { RolloutActionView, RolloutView } from "@/lib/rollouts/rollout-view";
import { CompletionKpiNote, StepSummaries } from "./step-summaries";
import { TrafficDriftBanner } from "./traffic-drift-banner";

const ID = "6f1c1c8e-0000-4000-8000-000000000002";
const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 9, minute)).toISOString();
const rollout = { id: ID, status: "completed", completionConfirmationRequestedAt: null, steps: [{ index: 0, label: "Shadow: 10% mirrored", state: "done" }, { index: 1, label: "100% live", state: "done" }] } as unknown as RolloutView;
const left = (overrides: Partial<RolloutActionView>): RolloutActionView => ({ revision: 2, action: "advance", actor: "Stagegate (automatic)", reason: null, fromStep: 0, toStep: 1, at: at(5), gates: null, ...overrides });
const gates: RolloutActionView["gates"] = {
  verdict: "pass",
  frozen: false,
  freezeReason: null,
  unknownBecause: [],
  window: { from: at(1), to: at(5) },
  gates: [{ gate: "latency", status: "pass", candidate: 84.2, baseline: 80, limit: 120, blocking: true, explanation: "Candidate p95 84.2 ms ≤ limit 120 ms." }],
};
const steps: RolloutStepSummary[] = [
  { index: 0, window: { from: at(1), to: at(5) }, leftBy: left({ gates }) },
  { index: 1, window: { from: at(5), to: at(9) }, leftBy: left({ revision: 3, action: "complete", actor: "Priya Raman", fromStep: 1, toStep: 1, at: at(9), gates: { ...gates, window: { from: at(5), to: at(9) } } }) },
];

function withQueries(children: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("a finished rollout's steps", () => {
  it("show each step's window, who left it, and the gates that was decided on, and ask for its charts only when opened", async () => {
    const fetched = vi.fn(async () => Response.json({ chart: null, problem: "Log Analytics answered 503." }));
    vi.stubGlobal("fetch", fetched);
    render(withQueries(<StepSummaries rollout={rollout} steps={steps} />));
    const [shadow, full] = screen.getAllByTestId("step-summary");
    expect(within(shadow!).getByRole("heading").textContent).toBe("Step 1: Shadow: 10% mirrored");
    expect(shadow!.textContent).toContain("Live from 2026-12-03 09:01:00 UTC to 2026-12-03 09:05:00 UTC; Stagegate (automatic) advanced at 2026-12-03 09:05:00 UTC.");
    expect(within(shadow!).getByTestId("step-summary-gates").getAttribute("data-verdict")).toBe("pass");
    expect(within(shadow!).getByText("84.2 ms")).toBeTruthy();
    expect(full!.textContent).toContain("Priya Raman completed the rollout at 2026-12-03 09:09:00 UTC.");
    expect(fetched).not.toHaveBeenCalled();

    const charts = within(full!).getByTestId("step-charts") as HTMLDetailsElement;
    await act(async () => {
      charts.open = true;
      fireEvent(charts, new Event("toggle"));
    });
    expect(fetched).toHaveBeenCalledWith(`/api/rollouts/${ID}/series?step=1`, { cache: "no-store" });
    expect((await within(full!).findByText(/The step's charts are not available/)).textContent).toBe("The step's charts are not available: Log Analytics answered 503.");
  });

  it("say when a completion rested on no KPI evidence, and who confirmed it after auto mode asked", () => {
    render(<CompletionKpiNote rollout={{ ...rollout, completionConfirmationRequestedAt: at(8) }} steps={steps} kpiJudged={false} />);
    expect(screen.getByTestId("completion-kpi").textContent).toBe(
      "Completed without KPI evidence: the business KPI gate had insufficient data in every step (its outcomes had not arrived). Auto mode stopped short of completing at 2026-12-03 09:08:00 UTC to ask an ML lead to confirm; Priya Raman completed it at 2026-12-03 09:09:00 UTC.",
    );
    cleanup();
    render(<CompletionKpiNote rollout={rollout} steps={steps} kpiJudged />);
    expect(screen.getByTestId("completion-kpi").getAttribute("data-kpi-judged")).toBe("true");
    cleanup();
    const { container } = render(<CompletionKpiNote rollout={{ ...rollout, status: "rolled_back" }} steps={steps} kpiJudged={false} />);
    expect(container.textContent).toBe("");
  });
});

describe("the traffic drift banner", () => {
  const drift = { live: { traffic: { blue: 100, green: 0 }, mirrorTraffic: {} }, applied: { traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 } }, afterEnd: false, laterRollout: null };

  it("asks a lead to settle a change made outside Stagegate while the rollout runs", () => {
    render(<TrafficDriftBanner drift={drift} />);
    expect(screen.getByTestId("traffic-drift").textContent).toBe(
      "The endpoint's traffic was changed outside Stagegate: it is blue 100%, but Stagegate last applied blue 100%; mirrored to green 10%. Re-apply the plan's traffic or adopt the live one.",
    );
  });

  it("tells the truth after the end, naming a later rollout on the endpoint when there is one", () => {
    render(<TrafficDriftBanner drift={{ ...drift, afterEnd: true }} />);
    expect(screen.getByTestId("traffic-drift").textContent).toBe(
      "The endpoint's traffic no longer matches what this rollout left: it is blue 100%, but Stagegate last applied blue 100%; mirrored to green 10%. It was changed outside Stagegate after the rollout ended.",
    );
    cleanup();
    render(<TrafficDriftBanner drift={{ ...drift, afterEnd: true, laterRollout: { id: "r2", model: "churn_xgb", version: "8", status: "rolled_back" } }} />);
    expect(screen.getByRole("link", { name: "churn_xgb v8, rolled back" }).getAttribute("href")).toBe("/rollouts/r2");
    expect(screen.getByTestId("traffic-drift").textContent).toContain("A later rollout on this endpoint (churn_xgb v8, rolled back) may have changed it.");
  });
});
