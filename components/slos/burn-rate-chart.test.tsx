// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { BurnRateChart, burnRateY } from "./burn-rate-chart";
import { HOUR } from "./slo-view-testing";

afterEach(cleanup);

const hour = (index: number) => `2026-11-01T0${index}:00:00.000Z`;
const AXIS = { from: hour(0), to: "2026-11-01T04:00:00.000Z" };

describe("the burn-rate chart", () => {
  it("draws each cell's burn rate at its middle on a 0–20× axis, breaks the line at a cell without events, and marks a rate above the cap", () => {
    const points = [
      { start: hour(0), burnRate: 0 },
      { start: hour(1), burnRate: 30 },
      { start: hour(2), burnRate: null },
      { start: hour(3), burnRate: 5 },
    ];
    render(<BurnRateChart sloId="s" points={points} cellSize={HOUR} axis={AXIS} target={0.999} />);
    const chart = screen.getByTestId("burn-rate-chart");
    // x: cell middles at 0.5, 1.5 and 3.5 hours of 4: 44 + 0.125 × 564 = 114.5, 44 + 0.375 × 564 = 255.5, 44 + 0.875 × 564 = 537.5.
    // y = 18 + (1 − min(rate, 20) ÷ 20) × 140: 0 → 158, 30 → 18 (capped), 5 → 123.
    expect(chart.querySelector("polyline")!.getAttribute("points")).toBe("114.5,158 255.5,18");
    const lone = chart.querySelector("circle")!;
    expect([lone.getAttribute("cx"), lone.getAttribute("cy")]).toEqual(["537.5", "123"]);
    // The arrow above the 30× cell, its tip 6 units above the plot's top.
    expect(chart.querySelector('[data-testid="off-scale"]')!.getAttribute("points")).toBe("251.5,18 259.5,18 255.5,12");
    // The factors: 14.4 → 18 + 0.28 × 140 = 57.2; 6 → 116; 3 → 137; 1 → 151; each labelled with its severity and windows.
    const factors = [...chart.querySelectorAll('[data-testid="factor-line"]')];
    expect(factors.map((line) => [line.getAttribute("data-factor"), line.querySelector("line")!.getAttribute("y1")])).toEqual([
      ["14.4", "57.2"],
      ["6", "116"],
      ["3", "137"],
      ["1", "151"],
    ]);
    expect(factors.map((line) => line.querySelector("text")!.textContent)).toEqual(["page 14.4× (1 h and 5 min)", "page 6× (6 h and 30 min)", "ticket 3× (1 day and 2 h)", "ticket 1× (3 days and 6 h)"]);
    // At 99.9 % the ceiling (1000×) is far above the axis: not drawn.
    expect(chart.querySelector('[data-testid="ceiling-line"]')).toBeNull();
    expect(screen.getByRole("figure").textContent).toContain("▲ marks the 1 hour above it");
    const rows = screen.getAllByRole("row").slice(1).map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ["2026-11-01 00:00", "0.0×"],
      ["2026-11-01 01:00", "30.0×"],
      ["2026-11-01 02:00", "— (no valid events)"],
      ["2026-11-01 03:00", "5.0×"],
    ]);
  });

  it("draws the ceiling where every event bad stays on the axis, and says which factors cannot fire", () => {
    // A 90 % target: at most 1 ÷ 0.1 = 10×, at y = 18 + 0.5 × 140 = 88; 14.4× can never be reached.
    render(<BurnRateChart sloId="s" points={[{ start: hour(0), burnRate: 10 }]} cellSize={HOUR} axis={AXIS} target={0.9} />);
    const chart = screen.getByTestId("burn-rate-chart");
    const ceiling = chart.querySelector('[data-testid="ceiling-line"]')!;
    expect(ceiling.querySelector("line")!.getAttribute("y1")).toBe("88");
    expect(ceiling.textContent).toBe("10×: every event bad");
    expect(chart.querySelector('[data-factor="14.4"] text')!.textContent).toBe("page 14.4× (1 h and 5 min): cannot fire");
    expect(chart.querySelector('[data-factor="6"] text')!.textContent).toBe("page 6× (6 h and 30 min)");
  });

  it("says there is no burn rate when no cell has valid events", () => {
    render(<BurnRateChart sloId="s" points={[{ start: hour(0), burnRate: null }]} cellSize={HOUR} axis={AXIS} target={0.95} />);
    expect(screen.getByTestId("burn-rate-empty")).toBeTruthy();
    expect(screen.queryByTestId("burn-rate-chart")).toBeNull();
  });

  it("caps the axis at 20×", () => {
    expect(burnRateY(20)).toBe(18);
    expect(burnRateY(1000)).toBe(18);
    expect(burnRateY(0)).toBe(158);
  });
});
