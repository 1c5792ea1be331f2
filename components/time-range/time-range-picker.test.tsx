// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseTimeRange, type TimeRange } from "@/lib/domain/time-range";
import { TimeRangePicker } from "./time-range-picker";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));

const NOW = new Date("2026-12-03T12:00:00Z");

function rangeOf(from: string, to: string): TimeRange {
  const result = parseTimeRange({ from, to }, NOW);
  if (!result.ok) throw new Error(result.problem);
  return result.range;
}

afterEach(cleanup);

describe("TimeRangePicker", () => {
  it("links the presets, keeping the page's params, and marks the active one", () => {
    render(<TimeRangePicker range={rangeOf("now-7d", "now")} basePath="/monitoring" keep={{ model: "churn_xgb", from: "dropped" }} />);
    const nav = screen.getByRole("navigation", { name: "Time range" });
    const links = within(nav).getAllByRole("link");
    expect(links.map((link) => [link.textContent, link.getAttribute("href"), link.getAttribute("aria-current")])).toEqual([
      ["Last 24 hours", "/monitoring?from=now-24h&to=now&model=churn_xgb", null],
      ["Last 7 days", "/monitoring?from=now-7d&to=now&model=churn_xgb", "true"],
      ["Last 30 days", "/monitoring?from=now-30d&to=now&model=churn_xgb", null],
    ]);
  });

  it("marks no preset for a custom range", () => {
    render(<TimeRangePicker range={rangeOf("2026-11-01", "2026-11-20")} basePath="/cost" />);
    expect(screen.getAllByRole("link").map((link) => link.getAttribute("aria-current"))).toEqual([null, null, null]);
    expect(screen.getByRole("link", { name: "Last 24 hours" }).getAttribute("href")).toBe("/cost?from=now-24h&to=now");
  });

  it("offers a GET form with the current texts and the kept params hidden", () => {
    const { container } = render(<TimeRangePicker range={rangeOf("now-1d/d", "now-1d/d")} basePath="/slo" keep={{ model: "churn_xgb", slo: "availability" }} />);
    const form = screen.getByRole("form", { name: "Custom time range" });
    expect(form.getAttribute("method")).toBe("get");
    expect(form.getAttribute("action")).toBe("/slo");
    const from = screen.getByLabelText("From") as HTMLInputElement;
    const to = screen.getByLabelText("To") as HTMLInputElement;
    expect([from.name, from.value, from.placeholder]).toEqual(["from", "now-1d/d", "now-7d"]);
    expect([to.name, to.value]).toEqual(["to", "now-1d/d"]);
    const hidden = [...container.querySelectorAll<HTMLInputElement>('input[type="hidden"]')].map((input) => [input.name, input.value]);
    expect(hidden).toEqual([
      ["model", "churn_xgb"],
      ["slo", "availability"],
    ]);
    expect(within(form).getByRole("button", { name: "Apply" }).getAttribute("type")).toBe("submit");
    // The submitted form carries the range and the kept params: what the preset links carry.
    expect(new URLSearchParams([...new FormData(form as HTMLFormElement)].map(([key, value]) => [key, String(value)])).toString()).toBe(
      "model=churn_xgb&slo=availability&from=now-1d%2Fd&to=now-1d%2Fd",
    );
  });

  it("says the resolved range in UTC, and whether it is live", () => {
    render(<TimeRangePicker range={rangeOf("now-7d", "now")} basePath="/monitoring" />);
    expect(screen.getByTestId("time-range-resolved").textContent).toBe(
      "Last 7 days: from 2026-11-26 12:00:00 UTC to 2026-12-03 12:00:00 UTC (live). Write now, now-24h, now-7d, now/d or a date like 2026-11-20.",
    );
    cleanup();
    render(<TimeRangePicker range={rangeOf("2026-11-01", "2026-11-20")} basePath="/monitoring" />);
    const resolved = screen.getByTestId("time-range-resolved").textContent;
    expect(resolved).toContain("2026-11-01 – 2026-11-20 (UTC): from 2026-11-01 00:00:00 UTC to 2026-11-21 00:00:00 UTC.");
    expect(resolved).not.toContain("live");
  });

  it("offers live refresh only for a range that ends now and a known refresh instant", () => {
    render(<TimeRangePicker range={rangeOf("now-7d", "now")} basePath="/monitoring" refreshAt="2026-12-03T12:05:00.000Z" />);
    expect(screen.getByTestId("live-refresh").textContent).toContain("refreshes at 2026-12-03 12:05");
    cleanup();
    render(<TimeRangePicker range={rangeOf("2026-11-01", "2026-11-20")} basePath="/monitoring" refreshAt="2026-12-03T12:05:00.000Z" />);
    expect(screen.queryByTestId("live-refresh")).toBeNull();
  });
});
