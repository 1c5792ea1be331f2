// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { burnDown } from "@/lib/domain/slo/error-budget";
import { BurnDownChart, burnDownAxisBottom } from "./burn-down-chart";
import { HOUR } from "./slo-view-testing";

afterEach(cleanup);

const hour = (index: number) => `2026-11-01T0${index}:00:00.000Z`;
const AXIS = { from: hour(0), to: "2026-11-01T04:00:00.000Z" };
const cells = (bad: number[]) => bad.map((count, index) => ({ start: hour(index), total: 100, good: 100 - count }));

describe("the burn-down chart", () => {
  it("starts at 100 % at the period's start, falls at each cell's end, and draws the steady 1× line and the zero line", () => {
    // 90 %: 400 requests allow 40 bad. Bad per hour 0, 5, 10, 5: left 1, 0.875, 0.625, 0.5; a steady 1× leaves 0.75, 0.5, 0.25, 0.
    render(<BurnDownChart sloId="s" points={burnDown(cells([0, 5, 10, 5]), 0.9)} cellSize={HOUR} axis={AXIS} periodFrom={AXIS.from} badEvents="slow requests" />);
    const chart = screen.getByTestId("burn-down-chart");
    // x: each cell's end, 44 + (k ÷ 4) × 564: 185, 326, 467, 608, after the origin at 44.
    // y on a 0–100 % axis: 18 + (1 − left) × 140: 1 → 18, 0.875 → 35.5, 0.625 → 70.5, 0.5 → 88.
    expect(chart.querySelector('[data-testid="remaining"]')!.getAttribute("points")).toBe("44,18 185,18 326,35.5 467,70.5 608,88");
    // The steady 1× line: 0.75 → 53, 0.5 → 88, 0.25 → 123, 0 → 158.
    expect(chart.querySelector('[data-testid="steady-burn"]')!.getAttribute("points")).toBe("44,18 185,53 326,88 467,123 608,158");
    expect(chart.querySelector('[data-testid="zero-line"]')!.getAttribute("y1")).toBe("158");
    expect(chart.querySelector('[data-testid="off-scale"]')).toBeNull();
    expect(chart.getAttribute("role")).toBe("group");
    // The text alternative: one row per cell; the third cell leaves 40 − 15 = 25 slow requests.
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows).toHaveLength(4);
    expect([...rows[2]!.children].map((cell) => cell.textContent)).toEqual(["2026-11-01 02:00", "62.5 %", "25", "25.0 %"]);
  });

  it("extends the axis to −100 % once the budget is overspent and marks a fall beyond it", () => {
    // 90 %: 200 requests allow 20 bad; 50 bad in the second hour leave 1 − 50 ÷ 20 = −1.5, below the axis' −1.
    // Shown from the second hour only (the range starts later than the period): no origin at 100 %.
    const points = burnDown(cells([0, 50]), 0.9).slice(1);
    render(<BurnDownChart sloId="s" points={points} cellSize={HOUR} axis={{ from: hour(1), to: hour(2) }} periodFrom={hour(0)} badEvents="slow requests" />);
    const chart = screen.getByTestId("burn-down-chart");
    // x: the end of the hour is the axis' end, 608. y on a −1…1 axis: 18 + (1 − max(v, −1)) ÷ 2 × 140; −1.5 → 158; zero → 88.
    expect(chart.querySelector('[data-testid="remaining"]')!.getAttribute("points")).toBe("608,158");
    expect(chart.querySelector('[data-testid="zero-line"]')!.getAttribute("y1")).toBe("88");
    expect(chart.querySelector('[data-testid="off-scale"]')!.getAttribute("points")).toBe("604,158 612,158 608,164");
    expect(screen.getByRole("figure").textContent).toContain("▼ overspent beyond −100 %");
    expect(screen.getAllByRole("row")[1]!.textContent).toContain("-150.0 %");
  });

  it("says there is nothing to burn down without valid events, with no empty chart", () => {
    render(<BurnDownChart sloId="s" points={[]} cellSize={HOUR} axis={AXIS} periodFrom={AXIS.from} badEvents="slow requests" />);
    expect(screen.getByTestId("burn-down-empty").textContent).toBe("No valid events in the period: there is no budget to burn down.");
    expect(screen.queryByTestId("burn-down-chart")).toBeNull();
    expect(screen.getByRole("figure", { name: "Error budget left over the period, per hour" })).toBeTruthy();
  });

  it("keeps the axis at 0–100 % until the budget is overspent", () => {
    expect(burnDownAxisBottom([{ remaining: 0 }, { remaining: 0.4 }])).toBe(0);
    expect(burnDownAxisBottom([{ remaining: -0.01 }])).toBe(-1);
  });
});
