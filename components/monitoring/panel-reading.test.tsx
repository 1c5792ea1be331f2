// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PanelReading as Reading } from "@/lib/monitoring/monitoring-reads";
import { PanelReading } from "./panel-reading";

afterEach(cleanup);

const fresh: Reading<number[]> = { value: [3, 4], asOf: "2026-11-20T10:00:00.000Z", staleBecause: null, problem: null };

describe("a monitoring panel's reading", () => {
  it("shows when the data was read, then the data", () => {
    render(<PanelReading reading={fresh} source="Log Analytics">{(rows) => <p data-testid="rows">{rows.join(",")}</p>}</PanelReading>);
    expect(screen.getByTestId("as-of").textContent).toBe("From Log Analytics, as of 2026-11-20 10:00:00 UTC.");
    expect(screen.getByTestId("rows").textContent).toBe("3,4");
    expect(screen.queryByTestId("stale-data")).toBeNull();
  });

  it("shows the last good data with its age and why when the upstream failed since", () => {
    const stale: Reading<number[]> = { ...fresh, staleBecause: "Log Analytics answered 503." };
    render(
      <PanelReading reading={stale} source="Log Analytics" now="2026-11-20T10:12:00.000Z">
        {(rows) => <p data-testid="rows">{rows.join(",")}</p>}
      </PanelReading>,
    );
    // 10:00 to 10:12 is 12 minutes.
    expect(screen.getByTestId("stale-data").textContent).toContain("showing the last good data, 12 min 0 s old");
    expect(screen.getByTestId("stale-data").textContent).toContain("Log Analytics answered 503.");
    expect(screen.getByTestId("rows").textContent).toBe("3,4");
  });

  it("shows the not-answering panel, with the request id, and never calls for the data, when nothing was read before", () => {
    const failed: Reading<number[]> = { value: null, asOf: null, staleBecause: null, problem: { upstream: "Log Analytics", message: "Log Analytics did not answer within 2000 ms.", notConfigured: false, missing: [] } };
    const draw = vi.fn(() => <p>drawn</p>);
    render(<PanelReading reading={failed} source="Log Analytics" requestId="req-42">{draw}</PanelReading>);
    const panel = screen.getByTestId("upstream-unavailable");
    expect(panel.textContent).toContain("Log Analytics is not answering");
    expect(panel.textContent).toContain("Log Analytics did not answer within 2000 ms.");
    expect(panel.textContent).toContain("quote request id req-42");
    expect(draw).not.toHaveBeenCalled();
    expect(screen.queryByTestId("as-of")).toBeNull();
  });
});
