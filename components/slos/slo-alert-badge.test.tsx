// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { alertState, type WindowCounts } from "@/lib/domain/slo/burn-rate-alerts";
import { overallAlertState, SloAlertBadge } from "./slo-alert-badge";

afterEach(cleanup);

/** Every window with `total` events, `bad` of them bad. */
const every = (total: number, bad: number): WindowCounts => Object.fromEntries(["5m", "30m", "1h", "2h", "6h", "1d", "3d"].map((window) => [window, { total, good: total - bad }]));

describe("the SLO's overall alert state", () => {
  it("is the firing row's severity, pages before tickets", () => {
    // 99 %: 5 of 100 bad is 5× everywhere: above the 3× and 1× tickets, not the 6× and 14.4× pages.
    expect(overallAlertState(alertState(0.99, every(100, 5)))).toBe("ticket");
    // 20 of 100 is 20×: above 14.4×.
    expect(overallAlertState(alertState(0.99, every(100, 20)))).toBe("page");
  });

  it("is ok only when every row that can fire was judged and none fires", () => {
    expect(overallAlertState(alertState(0.99, every(10_000, 0)))).toBe("ok");
    // At 90 % the 14.4× page is impossible: left out, so the other three judged rows make it ok.
    expect(overallAlertState(alertState(0.9, every(10_000, 0)))).toBe("ok");
    // Without the 5-minute window the fast page is absent; the rest judged: partial.
    const { "5m": _, ...withoutFiveMinutes } = every(10_000, 0);
    expect(overallAlertState(alertState(0.99, withoutFiveMinutes))).toBe("partial");
  });

  it("tells no data from too little traffic", () => {
    expect(overallAlertState(alertState(0.999, {}))).toBe("absent");
    // 99.9 %: every row needs at least 70 events in its long window; 5 is too few for all.
    expect(overallAlertState(alertState(0.999, every(5, 0)))).toBe("not-enough-traffic");
  });

  it("badges the state in words, with its sentence", () => {
    render(<SloAlertBadge alert={alertState(0.99, every(100, 5))} source="Log Analytics" />);
    const badge = screen.getByTestId("slo-alert");
    expect(badge.dataset.state).toBe("ticket");
    expect(badge.textContent).toBe("TicketTicket: burning 5.0× over 1 day and 5.0× over 2 h, above 3×.");
    cleanup();
    render(<SloAlertBadge alert={alertState(0.99, {})} source="Log Analytics" />);
    expect(screen.getByTestId("slo-alert").textContent).toBe("No dataNo data arrived for the alert windows: the alerts cannot be judged.");
  });
});
