// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { TopDecileLiftChart } from "./top-decile-lift-chart";

afterEach(cleanup);

const DAY = { ms: 86_400_000, label: "day" as const };

describe("top-decile lift over time", () => {
  it("draws each version's lift at its cell's middle, marks decisions on the time axis, and shades cells without all labels", () => {
    render(
      <TopDecileLiftChart
        versions={[
          {
            version: "6",
            topDecileLiftOverTime: [
              { start: "2026-11-01T00:00:00.000Z", lift: 3, predictions: 900 },
              { start: "2026-11-02T00:00:00.000Z", lift: null, predictions: 0 },
            ],
          },
        ]}
        range={{ from: "2026-11-01T00:00:00.000Z", to: "2026-11-03T00:00:00.000Z" }}
        cellSize={DAY}
        matureBefore="2026-11-02T00:00:00.000Z"
        annotations={[{ at: "2026-11-02T12:00:00.000Z", kind: "approval", version: "7", title: "v7 approved", who: "Dana", why: "holds", href: "/approvals/r1" }]}
      />,
    );
    const chart = screen.getByTestId("top-decile-lift-chart");
    // x: 44 + (12 h ÷ 48 h) × 564 = 185; y with a 0–4× axis: 18 + (1 − 3/4) × 160 = 58.
    expect(chart.querySelector("polyline")!.getAttribute("points")).toBe("185,58");
    // The decision at 36 h of 48: 44 + 0.75 × 564 = 467.
    const marker = screen.getByTestId("annotation");
    expect(marker.getAttribute("href")).toBe("/approvals/r1");
    expect(marker.querySelector("title")!.textContent).toBe("Dana: v7 approved — holds");
    expect(marker.querySelector("line")!.getAttribute("x1")).toBe("467");
    // Labels incomplete from the middle: 44 + 0.5 × 564 = 326.
    expect(chart.querySelector("rect")!.getAttribute("x")).toBe("326");
    expect(screen.getAllByRole("row")).toHaveLength(2);
  });
});
