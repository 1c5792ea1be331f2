// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { decileLift } from "@/lib/domain/monitoring/lift";
import { clickCsvDownload } from "@/components/table/csv-download-testing";
import { csvText } from "@/components/table/csv-table";
import { comparisonText, LiftTables, versionLiftCsv } from "./lift-table";

afterEach(cleanup);

/** 100 predictions per decile; positives per decile from the top. */
const deciles = (positives: number[]) => positives.map((count, index) => ({ decile: index + 1, predictions: 100, positives: count }));
// v7: 100 churners of 1,000 (10 %); the top decile holds 40 of them: rate 40 %, lift 4×, gain 40 %.
const v7 = { version: "7", lift: decileLift(deciles([40, 20, 15, 10, 5, 4, 2, 2, 1, 1])) };
// v6: 100 of 1,000 too; the top decile holds 30: lift 3×.
const v6 = { version: "6", lift: decileLift(deciles([30, 20, 15, 10, 8, 6, 4, 3, 2, 2])) };
const comparison = { newest: "7", previous: "6", challengerTopDecileLift: 4, championTopDecileLift: 3, ratio: 4 / 3 };

const cellsOf = (row: HTMLElement) => [...row.children].map((cell) => cell.textContent);

describe("the lift tables", () => {
  it("give each version's deciles with counts, Wilson interval, lift and cumulative gain", () => {
    render(<LiftTables versions={[v6, v7]} matureBefore="2026-11-17T10:00:00.000Z" comparison={comparison} />);
    const tables = screen.getAllByTestId("lift-table");
    expect(tables.map((table) => table.dataset.version)).toEqual(["6", "7"]);
    const newest = tables[1]!;
    expect(newest.id).toBe("lift-table-v7");
    // Wilson 95 % for 40/100: centre (0.4 + 1.96²/200) / (1 + 1.96²/100) = 0.4037, half width 0.0943 → 30.9 – 49.8 %.
    expect(cellsOf(newest.querySelector<HTMLElement>('[data-decile="1"]')!)).toEqual(["1", "100", "40", "40.0 % (30.9–49.8 %)", "4.00×", "40.0 %"]);
    // Decile 2: 20 of 100 is twice the 10 % overall rate; 60 of the 100 churners are in the top two deciles.
    expect(cellsOf(newest.querySelector<HTMLElement>('[data-decile="2"]')!)).toEqual(["2", "100", "20", "20.0 % (13.3–28.9 %)", "2.00×", "60.0 %"]);
    expect(cellsOf(within(newest).getByTestId("lift-overall"))).toEqual(["All", "1,000", "100", "10.0 %", "1.00×", "100.0 %"]);
  });

  it("offers each version's table as CSV: the deciles in order, then the overall row", async () => {
    render(<LiftTables versions={[v6, v7]} matureBefore="2026-11-17T10:00:00.000Z" comparison={comparison} model="churn_xgb" />);
    const newest = screen.getAllByTestId("lift-table")[1]!;
    const csv = versionLiftCsv(v7.lift);
    expect(csv.header).toEqual(["decile", "predictions", "churners", "churn_rate", "churn_rate_lower_95", "churn_rate_upper_95", "lift_vs_random", "cumulative_gain_share"]);
    const rendered = [...within(newest).getAllByRole("rowgroup")].flatMap((group) => (group.tagName === "THEAD" ? [] : within(group).getAllByRole("row")));
    expect(csv.rows.map((row) => String(row[0]))).toEqual(rendered.map((tr) => (tr.children[0]!.textContent === "All" ? "all" : tr.children[0]!.textContent)));
    // Decile 1: 40 of 100, Wilson 95 % 30.9–49.8 %, 4× the 10 % overall rate, 40 % of all churners.
    const [decile, predictions, churners, rate, lower, upper, lift, gain] = csv.rows[0]!;
    expect([decile, predictions, churners, rate, lift, gain]).toEqual([1, 100, 40, 0.4, 4, 0.4]);
    expect(lower).toBeCloseTo(0.3094, 3);
    expect(upper).toBeCloseTo(0.4980, 3);
    expect(csv.rows.at(-1)).toEqual(["all", 1000, 100, 0.1, null, null, 1, 1]);
    const file = await clickCsvDownload(within(newest.parentElement!).getByRole("button", { name: "Download CSV of the lift table of v7" }));
    expect(file).toEqual({ filename: "churn_xgb-lift-v7.csv", text: csvText(csv) });
    expect(screen.getByRole("button", { name: "Download CSV of the lift table of v6" })).toBeTruthy();
  });

  it("leaves an empty decile's rate, interval and lift empty in the CSV, as the table shows a dash", () => {
    const sparse = decileLift([{ decile: 1, predictions: 10, positives: 5 }]);
    expect(versionLiftCsv(sparse).rows[1]).toEqual([2, 0, 0, null, null, null, null, 1]);
  });

  it("compares the two newest versions' top-decile lift on the same cohort", () => {
    render(<LiftTables versions={[v6, v7]} matureBefore="2026-11-17T10:00:00.000Z" comparison={comparison} />);
    expect(screen.getByTestId("lift-comparison").textContent).toBe("v7's top-decile lift 4.0× against v6's 3.0× on the same matured cohort (ratio 1.33).");
  });

  it("states the label maturity and that lift is not uplift", () => {
    render(<LiftTables versions={[v7]} matureBefore="2026-11-17T10:00:00.000Z" comparison={null} />);
    expect(screen.getByTestId("label-maturity").textContent).toContain("Outcomes complete through 2026-11-17 10:00:00 UTC");
    expect(screen.getByTestId("lift-definition").textContent).toContain("It is not uplift");
    expect(screen.queryByTestId("lift-comparison")).toBeNull();
  });

  it("says why two versions cannot be compared", () => {
    expect(comparisonText({ newest: "7", previous: "6" })).toBe("v7's and v6's top-decile lift cannot be compared: one of them has no matured outcomes in its top decile.");
    expect(comparisonText({ ...comparison, championTopDecileLift: 0, ratio: null })).toContain("(no ratio: v6's top decile caught no churners)");
  });

  it("says so when no outcomes have matured", () => {
    render(<LiftTables versions={[]} matureBefore="2026-11-17T10:00:00.000Z" comparison={null} />);
    expect(screen.queryByTestId("lift-table")).toBeNull();
    expect(document.body.textContent).toContain("No matured outcomes in this range yet.");
  });
});
