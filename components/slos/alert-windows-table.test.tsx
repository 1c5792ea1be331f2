// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { clickCsvDownload } from "@/components/table/csv-download-testing";
import { csvText } from "@/components/table/csv-table";
import { alertState } from "@/lib/domain/slo/burn-rate-alerts";
import { alertWindowsCsv, AlertWindowsTable } from "./alert-windows-table";

afterEach(cleanup);

const cellsOf = (row: HTMLElement) => [...row.children].map((cell) => cell.textContent);

// A 90 % target: the burn rate is at most 1 ÷ 0.1 = 10×, so the 14.4× page can never fire.
// Burn rate = bad ÷ total ÷ 0.1. 1 h: 40 of 200 (2×); 5 min: 5 of 20 (2.5×); 6 h: 132 of 1,200 (1.1×); 30 min: 20 of
// 100 (2×); 1 day: 500 of 4,800 (1.04×); 2 h: 50 of 400 (1.25×); 3 days: 2,000 of 14,400 (1.39×). Only the 3-day
// ticket has both windows above its factor (1.39× and 1.1× above 1×).
const WINDOWS = {
  "5m": { total: 20, good: 15 },
  "30m": { total: 100, good: 80 },
  "1h": { total: 200, good: 160 },
  "2h": { total: 400, good: 350 },
  "6h": { total: 1200, good: 1068 },
  "1d": { total: 4800, good: 4300 },
  "3d": { total: 14_400, good: 12_400 },
};

describe("the burn-rate alert table", () => {
  it("gives each row's windows, factor, both burn rates, the budget it spends and its state, and says why a row can never fire", () => {
    render(<AlertWindowsTable alert={alertState(0.9, WINDOWS)} target={0.9} periodDays={30} sloId="custom-latency" />);
    const rows = screen.getAllByTestId("alert-row");
    expect(rows.map((row) => [row.dataset.severity, row.dataset.long, row.dataset.state])).toEqual([
      ["page", "1h", "impossible"],
      ["page", "6h", "ok"],
      ["ticket", "1d", "ok"],
      ["ticket", "3d", "firing"],
    ]);
    const impossible = rows[0]!;
    // The page's budget share: 14.4 × 1 h ÷ 720 h = 2 %; the minimum traffic max(10, ⌈1 ÷ (14.4 × 0.1)⌉) = 10.
    expect(cellsOf(impossible).slice(0, 8)).toEqual(["Page", "1 h", "5 min", "14.4×", "2.0×", "2.5×", "2.0 %", "10"]);
    expect(within(impossible).getByTestId("alert-reason").textContent).toBe(
      "Page: 14.4× over 1 h and 5 min can never fire, since at a 90 % target the burn rate is at most 10× (every event bad), not above 14.4×.",
    );
    expect(within(impossible).getByText("Cannot fire")).toBeTruthy();
    // The slow ticket spends 1 × 72 h ÷ 720 h = 10 % of the budget; it needs max(10, ⌈1 ÷ (1 × 0.1)⌉) = 10 events.
    expect(cellsOf(rows[3]!).slice(0, 8)).toEqual(["Ticket", "3 days", "6 h", "1×", "1.4×", "1.1×", "10.0 %", "10"]);
    expect(within(rows[3]!).getByText("Firing")).toBeTruthy();
    expect(screen.getByRole("table").querySelector("caption")!.textContent).toContain("at most 1 ÷ (1 − target) = 10× (every event bad): a larger factor can never fire.");
  });

  it("offers the table as CSV, one row per table row in its order, with the numbers unformatted", async () => {
    const alert = alertState(0.999, { "5m": { total: 100, good: 90 }, "1h": { total: 1000, good: 970 } });
    render(<AlertWindowsTable alert={alert} target={0.999} periodDays={30} sloId="churn-endpoint-availability" />);
    const csv = alertWindowsCsv(alert, 30);
    const rows = screen.getAllByTestId("alert-row");
    expect(csv.rows.map((row) => [row[0], row[1], row[8]])).toEqual(rows.map((row) => [row.dataset.severity, row.dataset.long, row.dataset.state]));
    expect(csv.rows.map((row) => row[9])).toEqual(rows.map((row) => within(row).getByTestId("alert-reason").textContent));
    // 1 h: 30 of 1,000 at 99.9 % = 30×; 5 min: 10 of 100 = 100×; minimum ⌈1 ÷ (14.4 × 0.001)⌉ = 70 requests.
    expect(csv.rows[0]).toEqual(["page", "1h", "5m", 14.4, 30, 100, 0.02, 70, "firing", "Page: burning 30.0× over 1 h and 100.0× over 5 min, above 14.4×."]);
    expect(csv.rows[1]!.slice(4, 9)).toEqual([null, null, 0.05, 167, "absent"]);
    const file = await clickCsvDownload(screen.getByRole("button", { name: "Download CSV of the alert windows of churn-endpoint-availability" }));
    expect(file).toEqual({ filename: "churn-endpoint-availability-alert-windows.csv", text: csvText(csv) });
  });

  it("scales each row's budget share to the period: 14.4× for an hour of a 7-day period spends 8.6 %", () => {
    // 14.4 × 1 h ÷ 168 h = 0.0857.
    expect(alertWindowsCsv(alertState(0.99, {}), 7).rows[0]![6]).toBeCloseTo(0.085714, 6);
  });
});
