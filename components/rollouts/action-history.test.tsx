// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { RolloutActionView } from "@/lib/rollouts/rollout-view";
import { ActionHistory } from "./action-history";

const action = (overrides: Partial<RolloutActionView>): RolloutActionView => ({
  revision: 1,
  action: "start",
  actor: "Priya Raman",
  reason: null,
  fromStep: 0,
  toStep: 0,
  at: "2026-11-24T10:00:00.000Z",
  gates: null,
  ...overrides,
});

describe("ActionHistory", () => {
  afterEach(cleanup);

  it("keeps the gates each decision was taken on, with their numbers, folded under the action", () => {
    const advance = action({
      revision: 2,
      action: "advance",
      fromStep: 0,
      toStep: 1,
      gates: {
        verdict: "pass",
        frozen: false,
        freezeReason: null,
        unknownBecause: [],
        window: { from: "2026-11-24T10:00:00.000Z", to: "2026-11-24T10:15:00.000Z" },
        gates: [{ gate: "latency", status: "pass", candidate: 84.2, baseline: 80, limit: 120, blocking: true, explanation: "Candidate p95 84.2 ms ≤ limit 120 ms." }],
      },
    });
    render(<ActionHistory actions={[action({}), advance]} />);
    const [start, advanced] = screen.getAllByRole("listitem");
    expect(within(start!).queryByText(/Decided on/)).toBeNull();
    expect(within(advanced!).getByText("Decided on passing gates")).toBeTruthy();
    const table = within(advanced!).getByTestId("action-gates");
    expect(table.getAttribute("data-verdict")).toBe("pass");
    expect(within(table).getByText("84.2 ms")).toBeTruthy();
    expect(within(table).getByText("Gates of step 1 when Priya Raman took the advance at 2026-11-24 10:00:00 UTC, over 2026-11-24 10:00:00 UTC to 2026-11-24 10:15:00 UTC.")).toBeTruthy();
  });

  it("says when a decision was taken on failing gates during an SLO freeze", () => {
    const rollback = action({ action: "rollback", gates: { verdict: "fail", frozen: true, freezeReason: "budget exhausted", unknownBecause: [], window: null, gates: [] } });
    render(<ActionHistory actions={[rollback]} />);
    expect(screen.getByText("Decided on failing gates during an SLO freeze")).toBeTruthy();
  });

  it("says when a step was moved before its gates had enough data (an override)", () => {
    const override = action({ action: "advance", reason: "Known slow warm-up", gates: { verdict: "insufficient-data", frozen: false, freezeReason: null, unknownBecause: [], window: null, gates: [] } });
    render(<ActionHistory actions={[override]} />);
    expect(screen.getByText("Decided before the gates had enough data")).toBeTruthy();
    expect(screen.getByText("Reason: Known slow warm-up")).toBeTruthy();
  });

  it("says when a step was moved while its gates were unknown (an override on old or unreadable numbers)", () => {
    const override = action({
      action: "advance",
      reason: "Log Analytics is down; on-call checked the dashboards.",
      gates: { verdict: "unknown", frozen: false, freezeReason: null, unknownBecause: ["The request numbers are 60 s old, older than their 15 s refresh interval."], window: null, gates: [] },
    });
    render(<ActionHistory actions={[override]} />);
    expect(screen.getByText("Decided while the gates were unknown")).toBeTruthy();
  });
});
