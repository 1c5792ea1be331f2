// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { reliabilityDiagram } from "@/lib/domain/monitoring/calibration";
import { gainCurve } from "@/lib/domain/monitoring/lift";
import { clickCsvDownload } from "@/components/table/csv-download-testing";
import { csvText } from "@/components/table/csv-table";
import { calibrationCsv, GainAndCalibration, gainsCsv } from "./gain-and-calibration";

afterEach(cleanup);

// The frame maps share 0 → x 50 and 1 → x 350; share 0 → y 210 and 1 → y 10 (see unit-square-chart.tsx).
const deciles = (positives: number[]) => positives.map((count, index) => ({ decile: index + 1, predictions: 100, positives: count }));
// 100 churners of 1,000: the top decile captures 40 %, the top two 60 %.
const v7Gain = gainCurve(deciles([40, 20, 15, 10, 5, 4, 2, 2, 1, 1]));
const v6Gain = gainCurve(deciles([30, 20, 15, 10, 8, 6, 4, 3, 2, 2]));
// Bin 1: mean score 0.15, observed 0.20; bin 8: mean 0.85, observed 0.80.
const v7Reliability = reliabilityDiagram([
  { bin: 1, predictions: 100, scoreSum: 15, positives: 20, squaredErrorSum: 12 },
  { bin: 8, predictions: 50, scoreSum: 42.5, positives: 40, squaredErrorSum: 6 },
]);
const empty = reliabilityDiagram([]);
const versions = [
  { version: "6", gain: v6Gain, reliability: empty },
  { version: "7", gain: v7Gain, reliability: v7Reliability },
];

describe("the gains chart", () => {
  it("draws each version's curve, the random diagonal and the perfect line on the unit square", () => {
    render(<GainAndCalibration versions={versions} />);
    const points = (testId: string) => screen.getByTestId(testId).getAttribute("points")!.split(" ");
    // (0.1, 0.4) → (50 + 30, 10 + 200 · 0.6) = (80, 130); (0.2, 0.6) → (110, 90).
    expect(points("gains-v7").slice(0, 3)).toEqual(["50,210", "80,130", "110,90"]);
    // v6's top decile captures 30 %: (80, 150).
    expect(points("gains-v6")[1]).toBe("80,150");
    expect(points("gains-v7")).toHaveLength(11);
    expect(points("gains-random")).toEqual(["50,210", "350,10"]);
    // Prevalence 10 %: a perfect ranking has captured everyone at 10 % targeted.
    expect(points("gains-perfect")).toEqual(["50,210", "80,10", "350,10"]);
    expect(within(screen.getByTestId("gains-chart")).getByText("Customers targeted")).toBeTruthy();
    expect(within(screen.getByTestId("gains-chart")).getAllByText("50 %")).toHaveLength(2);
  });

  it("draws the newest version boldest", () => {
    render(<GainAndCalibration versions={versions} />);
    expect(screen.getByTestId("gains-v7").getAttribute("class")).toContain("text-accent");
    expect(screen.getByTestId("gains-v6").getAttribute("stroke-dasharray")).toBe("6 3");
  });

  it("lists its values as a table", () => {
    render(<GainAndCalibration versions={versions} />);
    const rows = within(document.getElementById("gains-values")!).getAllByRole("row", { hidden: true });
    // A heading row, then ten deciles per version.
    expect(rows).toHaveLength(21);
    expect([...rows[11]!.children].map((cell) => cell.textContent)).toEqual(["v7", "10.0 %", "40.0 %"]);
  });

  it("offers its values table as CSV, row for row, with shares as fractions", async () => {
    render(<GainAndCalibration versions={versions} model="churn_xgb" />);
    const rows = within(document.getElementById("gains-values")!).getAllByRole("row", { hidden: true }).slice(1);
    const csv = gainsCsv(versions);
    expect(csv.header).toEqual(["version", "customers_targeted_share", "churners_captured_share"]);
    expect(csv.rows).toHaveLength(rows.length);
    expect(csv.rows.map((row) => `v${row[0]}`)).toEqual(rows.map((tr) => tr.children[0]!.textContent));
    // v7's first two deciles: 40 % of churners at 10 % targeted, 60 % at 20 % (the table's rows 11 and 12).
    expect(csv.rows.slice(10, 12)).toEqual([
      ["7", 0.1, 0.4],
      ["7", 0.2, 0.6],
    ]);
    const file = await clickCsvDownload(screen.getByRole("button", { name: "Download CSV of the cumulative gains values" }));
    expect(file).toEqual({ filename: "churn_xgb-gains-v6-v7.csv", text: csvText(csv) });
  });
});

describe("the reliability diagram", () => {
  it("puts each bin at its mean score and observed rate, with the diagonal", () => {
    render(<GainAndCalibration versions={versions} />);
    const circles = within(screen.getByTestId("reliability-v7")).getAllByTestId("reliability-point").map((g) => g.querySelector("circle")!);
    // (0.15, 0.20) → (95, 170); (0.85, 0.80) → (305, 50).
    expect(circles.map((c) => [c.getAttribute("cx"), c.getAttribute("cy")])).toEqual([
      ["95", "170"],
      ["305", "50"],
    ]);
    expect(screen.getByTestId("reliability-diagonal").getAttribute("points")).toBe("50,210 350,10");
    expect(screen.queryByTestId("reliability-v6")).toBeNull();
  });

  it("prints the Brier score and the expected calibration error", () => {
    render(<GainAndCalibration versions={versions} />);
    // Brier (12 + 6) / 150 = 0.120; ECE (100 · 0.05 + 50 · 0.05) / 150 = 0.050.
    expect(screen.getByTestId("calibration-scores").textContent).toContain("v7: Brier score 0.120, expected calibration error (ECE) 0.050 over 150 predictions");
  });

  it("offers its values table as CSV, one row per version and score bin with the Wilson bounds", async () => {
    render(<GainAndCalibration versions={versions} model="churn_xgb" />);
    const rows = within(document.getElementById("calibration-values")!).getAllByRole("row", { hidden: true }).slice(1);
    const csv = calibrationCsv(versions);
    expect(csv.header).toEqual(["version", "score_bin_lower", "score_bin_upper", "predictions", "mean_predicted", "observed_rate", "observed_rate_lower_95", "observed_rate_upper_95"]);
    // v6 has no calibrated bin, so neither the table nor the CSV lists it.
    expect(csv.rows.map((row) => `v${row[0]} ${row[1]}–${row[2]}`)).toEqual(rows.map((tr) => `${tr.children[0]!.textContent} ${tr.children[1]!.textContent}`));
    // Bin 1 of 10: scores 0.1–0.2, mean 15 / 100, observed 20 / 100; Wilson 95 % for 20/100 is 13.3–28.9 %.
    const [version, lower, upper, predictions, meanPredicted, observed, intervalLower, intervalUpper] = csv.rows[0]!;
    expect([version, lower, upper, predictions, meanPredicted, observed]).toEqual(["7", 0.1, 0.2, 100, 0.15, 0.2]);
    expect(intervalLower).toBeCloseTo(0.1334, 4);
    expect(intervalUpper).toBeCloseTo(0.2888, 4);
    const file = await clickCsvDownload(screen.getByRole("button", { name: "Download CSV of the calibration values" }));
    expect(file).toEqual({ filename: "churn_xgb-calibration-v7.csv", text: csvText(csv) });
  });

  it("says its read failed in place of the diagram", () => {
    const problem = { upstream: "Log Analytics", message: "Log Analytics answered 503.", notConfigured: false, missing: [] };
    render(<GainAndCalibration versions={versions} calibrationProblem={problem} />);
    expect(screen.queryByTestId("reliability-chart")).toBeNull();
    expect(screen.getByTestId("upstream-unavailable").textContent).toContain("Log Analytics answered 503.");
    expect(screen.getByTestId("gains-chart")).toBeTruthy();
  });

  it("says so when nothing has matured", () => {
    render(<GainAndCalibration versions={[{ version: "7", gain: null, reliability: empty }]} />);
    expect(document.body.textContent).toContain("no gains curve");
    expect(document.body.textContent).toContain("No matured outcomes to check the calibration against yet.");
  });
});
