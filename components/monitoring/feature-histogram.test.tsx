// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { FeatureHistogram as Histogram } from "@/lib/domain/monitoring/drift-heatmap";
import { clickCsvDownload } from "@/components/table/csv-download-testing";
import { csvText } from "@/components/table/csv-table";
import { FeatureHistogram, featureHistogramCsv } from "./feature-histogram";

afterEach(cleanup);

const histogram: Histogram = {
  feature: "monthly_charges",
  reference: "churn-train@v3",
  from: "2026-11-20T00:00:00.000Z",
  to: "2026-11-21T00:00:00.000Z",
  samples: 5210,
  psi: 0.3149,
  band: "significant",
  tooFew: false,
  bins: [
    { bin: 0, label: "≤ 24.5", referenceShare: 0.5, currentShare: 0.2, currentCount: 1042 },
    { bin: 1, label: "24.5 – 31", referenceShare: 0.3, currentShare: 0.4, currentCount: 2084 },
    { bin: 2, label: "> 31", referenceShare: 0.2, currentShare: 0.4, currentCount: 2084 },
  ],
};

describe("the feature histogram", () => {
  it("draws reference and current share per bin against the largest share", () => {
    render(<FeatureHistogram histogram={histogram} cellChosen />);
    const bins = screen.getAllByTestId("histogram-bin");
    expect(bins.map((bin) => bin.textContent)).toEqual(["≤ 24.51,042", "24.5 – 312,084", "> 312,084"]);
    const widths = bins.map((bin) => [...bin.querySelectorAll<HTMLElement>("[data-series]")].map((bar) => bar.style.width));
    // The largest share is 0.5: 0.5 → 100 %, 0.2 → 40 %, 0.3 → 60 %, 0.4 → 80 %.
    expect(widths).toEqual([
      ["100%", "40%"],
      ["60%", "80%"],
      ["40%", "80%"],
    ]);
  });

  it("states the window, samples, PSI and band", () => {
    render(<FeatureHistogram histogram={histogram} cellChosen />);
    const figure = screen.getByTestId("histogram");
    expect(figure.dataset.band).toBe("significant");
    expect(figure.textContent).toContain("monthly_charges: one cell, from 2026-11-20 00:00:00 UTC to 2026-11-21 00:00:00 UTC, against the reference churn-train@v3.");
    expect(screen.getByTestId("histogram-summary").textContent).toBe("5,210 samples; PSI 0.31 (significant).");
  });

  it("gives the values as a table", () => {
    render(<FeatureHistogram histogram={histogram} cellChosen={false} />);
    const table = within(document.getElementById("drift-histogram-values")!).getByRole("table", { hidden: true });
    const rows = within(table).getAllByRole("row", { hidden: true }).slice(1);
    expect(rows.map((tr) => [...tr.children].map((cell) => cell.textContent))).toEqual([
      ["≤ 24.5", "50.0 %", "20.0 %", "1,042"],
      ["24.5 – 31", "30.0 %", "40.0 %", "2,084"],
      ["> 31", "20.0 %", "40.0 %", "2,084"],
    ]);
    expect(screen.getByTestId("histogram").textContent).toContain("the whole range");
  });

  it("says a window under the sample minimum has no band", () => {
    render(<FeatureHistogram histogram={{ ...histogram, samples: 300, band: null, tooFew: true }} cellChosen />);
    expect(screen.getByTestId("histogram").dataset.band).toBe("too-few");
    expect(screen.getByTestId("histogram-summary").textContent).toBe("300 samples; PSI 0.31 (too few samples for a band).");
  });

  it("explains an empty histogram", () => {
    render(<FeatureHistogram histogram={null} cellChosen={false} />);
    expect(screen.queryByTestId("histogram")).toBeNull();
    expect(document.body.textContent).toContain("no bins in the range");
  });

  it("offers the values table as CSV, one row per bin with shares as fractions and the window", async () => {
    render(<FeatureHistogram histogram={histogram} cellChosen model="churn_xgb" />);
    const table = within(document.getElementById("drift-histogram-values")!).getByRole("table", { hidden: true });
    const rows = within(table).getAllByRole("row", { hidden: true }).slice(1);
    const csv = featureHistogramCsv(histogram);
    expect(csv.header).toEqual(["bin", "reference_share", "current_share", "current_count", "window_start", "window_end"]);
    expect(csv.rows.map((row) => row[0])).toEqual(rows.map((tr) => tr.children[0]!.textContent));
    // "24.5 – 31": 30.0 % of the reference, 40.0 % (2,084) now.
    expect(csv.rows[1]).toEqual(["24.5 – 31", 0.3, 0.4, 2084, "2026-11-20T00:00:00.000Z", "2026-11-21T00:00:00.000Z"]);
    const file = await clickCsvDownload(screen.getByRole("button", { name: "Download CSV of the histogram of monthly_charges" }));
    expect(file).toEqual({ filename: "churn_xgb-monthly_charges-histogram.csv", text: csvText(csv) });
  });

  it("leaves a bin's current share empty when the window has no samples", () => {
    const empty = { ...histogram, samples: 0, psi: null, band: null, bins: histogram.bins.map((bin) => ({ ...bin, currentShare: null, currentCount: 0 })) };
    expect(featureHistogramCsv(empty).rows[0]!.slice(0, 4)).toEqual(["≤ 24.5", 0.5, null, 0]);
  });
});
