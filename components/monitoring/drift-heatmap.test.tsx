// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { DecisionAnnotation } from "@/lib/domain/monitoring/decision-annotations";
import type { DriftCell, DriftFeatureRow, DriftHeatmap as Heatmap } from "@/lib/domain/monitoring/drift-heatmap";
import { DRIFT_CONVENTIONS } from "@/lib/domain/monitoring/psi";
import { clickCsvDownload } from "@/components/table/csv-download-testing";
import { csvText } from "@/components/table/csv-table";
import { DriftHeatmap, driftHeatmapCsv, PREDICTION_ROW_TITLE } from "./drift-heatmap";

const DAY = { ms: 86_400_000, label: "day" as const };
const starts = ["2026-11-18T00:00:00.000Z", "2026-11-19T00:00:00.000Z", "2026-11-20T00:00:00.000Z"];

const cell = (start: string, samples: number, psi: number | null, band: DriftCell["band"], tooFew = false): DriftCell => ({ start, samples, psi, band, tooFew });

function row(feature: string, cells: DriftCell[], type: DriftFeatureRow["type"] = "numeric"): DriftFeatureRow {
  return { feature, type, binCount: 10, sampleMinimum: 2091, cells, latest: null, worst: null };
}

const heatmap: Heatmap = {
  cellStarts: starts,
  features: [
    row("monthly_charges", [cell(starts[0]!, 5300, 0.041, "stable"), cell(starts[1]!, 412, 0.4234, null, true), cell(starts[2]!, 5210, 0.3149, "significant")]),
    row("contract_type", [cell(starts[0]!, 0, null, null), cell(starts[1]!, 4800, 0.17, "moderate"), cell(starts[2]!, 5100, 0.02, "stable")], "categorical"),
  ],
  prediction: row("prediction_score", [cell(starts[0]!, 5300, 0.01, "stable"), cell(starts[1]!, 4800, 0.12, "moderate"), cell(starts[2]!, 5210, 0.27, "significant")], "prediction"),
};

const approval: DecisionAnnotation = { at: "2026-11-20T15:30:00.000Z", kind: "approval", version: "7", title: "v7 approved", who: "Alice Lead", why: "better lift on the holdout", href: "/approvals/r-1" };
const alias: DecisionAnnotation = { at: "2026-11-18T09:00:00.000Z", kind: "alias", version: "6", title: "@champion → v6", who: "Bob", why: null, href: "/models/churn/versions/6" };

function renderHeatmap(chosen?: { feature: string | null; cell: string | null }, model?: string) {
  return render(
    <DriftHeatmap heatmap={heatmap} range={{ fromText: "now-7d", toText: "now" }} cellSize={DAY} annotations={[approval, alias]} conventions={DRIFT_CONVENTIONS} chosen={chosen} model={model} />,
  );
}

const driftCell = (feature: string, start: string) => screen.getAllByTestId("drift-cell").find((el) => el.dataset.feature === feature && el.dataset.start === start)!;

afterEach(cleanup);

describe("the drift heatmap", () => {
  it("draws one cell per feature and time, banded, with the PSI to two decimals", () => {
    renderHeatmap();
    const cells = screen.getAllByTestId("drift-cell");
    expect(cells).toHaveLength(9);
    expect(cells.map((el) => el.dataset.band)).toEqual(["stable", "too-few", "significant", "empty", "moderate", "stable", "stable", "moderate", "significant"]);
    expect(driftCell("monthly_charges", starts[2]!).textContent).toBe("0.31");
    expect(driftCell("monthly_charges", starts[0]!).textContent).toBe("0.04");
  });

  it("names each cell and links it to its histogram, keeping the range", () => {
    renderHeatmap();
    const link = within(driftCell("monthly_charges", starts[2]!)).getByRole("link");
    expect(link.getAttribute("aria-label")).toBe("monthly_charges, 2026-11-20: PSI 0.31, significant, 5,210 samples");
    expect(link.getAttribute("href")).toBe("?from=now-7d&to=now&feature=monthly_charges&cell=2026-11-20T00:00:00.000Z");
  });

  it("greys a cell under the sample minimum and says why, keeping its number", () => {
    renderHeatmap();
    const tooFew = driftCell("monthly_charges", starts[1]!);
    const link = within(tooFew).getByRole("link");
    expect(link.getAttribute("title")).toBe("too few samples (412 < 2,091 minimum)");
    expect(link.getAttribute("aria-label")).toBe("monthly_charges, 2026-11-19: PSI 0.42, too few samples (412 < 2,091 minimum)");
    expect(tooFew.querySelector(".sr-only")?.textContent).toContain("too few samples (412 < 2,091 minimum)");
    expect(tooFew.className).toContain("text-ink-muted");
    expect(tooFew.className).not.toContain("bg-bad-bg");
  });

  it("leaves a cell without samples empty and unlinked", () => {
    renderHeatmap();
    const empty = driftCell("contract_type", starts[0]!);
    expect(within(empty).queryByRole("link")).toBeNull();
    expect(empty.textContent).toBe("contract_type, 2026-11-18: no samples");
  });

  it("keeps the prediction row in its own row group below the inputs", () => {
    renderHeatmap();
    const groups = screen.getByTestId("drift-heatmap").querySelectorAll("tbody");
    expect(groups).toHaveLength(2);
    expect(within(groups[0]!).queryByText(PREDICTION_ROW_TITLE)).toBeNull();
    expect(within(groups[1]!).getByRole("rowheader").textContent).toContain(PREDICTION_ROW_TITLE);
    expect(within(groups[1]!).getAllByTestId("drift-cell").every((el) => el.dataset.feature === "prediction_score")).toBe(true);
  });

  it("marks each decision above the column its time falls in", () => {
    renderHeatmap();
    const headings = within(screen.getByTestId("drift-heatmap").querySelector("thead")!).getAllByRole("columnheader");
    const columnOf = (start: string) => headings.findIndex((th) => th.querySelector("time")?.getAttribute("dateTime") === start);
    const markers = screen.getAllByTestId("annotation");
    expect(markers).toHaveLength(2);
    const [first, second] = markers;
    // Columns count the row heading first: 2026-11-18 is column 1, 2026-11-20 column 3.
    expect((first!.closest("td") as HTMLTableCellElement).cellIndex).toBe(columnOf(starts[0]!));
    expect(first!.getAttribute("title")).toBe("Bob: @champion → v6");
    expect((second!.closest("td") as HTMLTableCellElement).cellIndex).toBe(3);
    expect(columnOf(starts[2]!)).toBe(3);
    expect(second!.getAttribute("title")).toBe("Alice Lead: v7 approved — better lift on the holdout");
    expect(second!.getAttribute("href")).toBe("/approvals/r-1");
  });

  it("prints its legend and every drift convention", () => {
    renderHeatmap();
    expect(within(screen.getByTestId("drift-legend")).getAllByRole("listitem").map((li) => li.dataset.band)).toEqual(["stable", "moderate", "significant", "too-few", "empty"]);
    const conventions = screen.getByTestId("drift-conventions").textContent!;
    for (const line of Object.values(DRIFT_CONVENTIONS)) expect(conventions).toContain(line);
  });

  it("marks the chosen cell as current", () => {
    renderHeatmap({ feature: "contract_type", cell: starts[1]! });
    expect(within(driftCell("contract_type", starts[1]!)).getByRole("link").getAttribute("aria-current")).toBe("true");
    expect(within(driftCell("monthly_charges", starts[1]!)).getByRole("link").getAttribute("aria-current")).toBeNull();
  });

  it("says so when the range holds no drift windows", () => {
    render(<DriftHeatmap heatmap={{ cellStarts: starts, features: [], prediction: null }} range={{ fromText: "now-7d", toText: "now" }} cellSize={DAY} annotations={[]} conventions={DRIFT_CONVENTIONS} />);
    expect(screen.queryByTestId("drift-heatmap")).toBeNull();
    expect(document.body.textContent).toContain("No drift windows");
  });

  it("offers one CSV row per feature and cell, in the grid's order, low-sample cells kept with their PSI", async () => {
    renderHeatmap(undefined, "churn_xgb");
    const csv = driftHeatmapCsv(heatmap);
    expect(csv.header).toEqual(["feature", "feature_type", "cell_start", "psi", "samples", "band"]);
    const cells = screen.getAllByTestId("drift-cell");
    expect(csv.rows).toHaveLength(cells.length);
    expect(csv.rows.map((row) => `${row[0]}@${row[2]}`)).toEqual(cells.map((el) => `${el.dataset.feature}@${el.dataset.start}`));
    expect(csv.rows).toEqual([
      ["monthly_charges", "numeric", starts[0], 0.041, 5300, "stable"],
      ["monthly_charges", "numeric", starts[1], 0.4234, 412, "low sample"],
      ["monthly_charges", "numeric", starts[2], 0.3149, 5210, "significant"],
      ["contract_type", "categorical", starts[0], null, 0, "no samples"],
      ["contract_type", "categorical", starts[1], 0.17, 4800, "moderate"],
      ["contract_type", "categorical", starts[2], 0.02, 5100, "stable"],
      ["prediction_score", "prediction", starts[0], 0.01, 5300, "stable"],
      ["prediction_score", "prediction", starts[1], 0.12, 4800, "moderate"],
      ["prediction_score", "prediction", starts[2], 0.27, 5210, "significant"],
    ]);
    const file = await clickCsvDownload(screen.getByRole("button", { name: "Download CSV of the drift heatmap" }));
    expect(file).toEqual({ filename: "churn_xgb-drift-psi-per-day.csv", text: csvText(csv) });
  });
});
