// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { DeploymentSeries } from "@/lib/rollouts/telemetry/deployment-telemetry";
import { chartRows, DeploymentCharts, describeDeploymentMetric, seriesLabel } from "./deployment-charts";

const point = (minute: number, p95Ms: number | null, errorRate: number | null) => ({ at: new Date(Date.UTC(2026, 10, 20, 11, minute)).toISOString(), requests: 100, p95Ms, errorRate });
const series: DeploymentSeries[] = [
  { deployment: "green", traffic: "live", points: [point(0, 130, 0.03), point(1, 150, 0.04), point(2, 140, null)] },
  { deployment: "blue", traffic: "live", points: [point(0, 80, 0.002), point(1, 82, 0), point(2, 81, 0.004)] },
];
const roles = { blue: "baseline", green: "candidate" } as const;
const p95 = { title: "Latency p95", unit: "ms", value: (entry: DeploymentSeries["points"][number]) => entry.p95Ms };

describe("deployment charts", () => {
  it("label deployments with their role and traffic kind", () => {
    expect(seriesLabel({ deployment: "green", traffic: "mirrored" }, roles)).toBe("green (mirrored), candidate");
    expect(seriesLabel({ deployment: "blue", traffic: "live" })).toBe("blue");
  });

  it("describe each deployment's line in words: points, median, highest and last", () => {
    expect(describeDeploymentMetric(p95, series, roles)).toBe(
      "Latency p95 per arm. green, candidate: 3 points, median 140 ms, highest 150 ms, last 140 ms; blue, baseline: 3 points, median 81 ms, highest 82 ms, last 81 ms.",
    );
    expect(describeDeploymentMetric(p95, [], roles)).toBe("Latency p95: no requests in this window.");
  });

  it("merge the deployments into one row per bin, gaps kept as null", () => {
    const errors = { value: (entry: DeploymentSeries["points"][number]) => (entry.errorRate === null ? null : entry.errorRate * 100) };
    expect(chartRows(series, errors)).toEqual([
      { at: Date.UTC(2026, 10, 20, 11, 0), s0: 3, s1: 0.2 },
      { at: Date.UTC(2026, 10, 20, 11, 1), s0: 4, s1: 0 },
      { at: Date.UTC(2026, 10, 20, 11, 2), s0: null, s1: 0.4 },
    ]);
  });

  it("render a figure per metric with its summary and a table, baseline first; or say why there is nothing", () => {
    const window = { from: "2026-11-20T11:00:00.000Z", to: "2026-11-20T11:03:00.000Z" };
    const { unmount } = render(<DeploymentCharts series={series} window={window} binMs={60_000} roles={roles} />);
    const figures = screen.getAllByTestId("deployment-chart");
    expect(figures.map((figure) => figure.getAttribute("data-metric"))).toEqual(["p95", "errors"]);
    expect(screen.getByRole("figure", { name: "Latency p95 (ms), per 1 min" })).toBeTruthy();
    expect(screen.getAllByTestId("deployment-chart-summary")[1]!.textContent).toMatch(/^Error rate per arm\. blue, baseline: 3 points/);
    const table = screen.getByRole("table", { name: "Latency p95 (ms) per arm and time bin" });
    expect([...table.querySelectorAll("thead th")].map((cell) => cell.textContent)).toEqual(["Bin start (UTC)", "blue, baseline", "green, candidate"]);
    // The plots load Recharts after the page: until then each holds its place, at its height, and says so.
    const placeholders = screen.getAllByTestId("chart-loading");
    expect(placeholders.map((placeholder) => [placeholder.getAttribute("role"), placeholder.textContent, placeholder.style.height])).toEqual([
      ["status", "Loading the chart…", "220px"],
      ["status", "Loading the chart…", "220px"],
    ]);
    unmount();
    render(<DeploymentCharts series={[]} window={window} binMs={60_000} />);
    expect(screen.getByTestId("deployment-charts-empty").textContent).toContain("nothing to chart yet");
  });
});
