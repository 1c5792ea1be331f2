// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { clickCsvDownload } from "@/components/table/csv-download-testing";
import { csvText } from "@/components/table/csv-table";
import type { FeatureDriftNow, FleetModelRow } from "@/lib/domain/monitoring/fleet-health";
import { fleetCsv, FleetTable } from "./fleet-table";

afterEach(cleanup);

const WINDOW = "1970-01-01T00:00:00.000Z";
const drift = (feature: string, psi: number | null, band: FeatureDriftNow["band"], samples = 5000, tooFew = false): FeatureDriftNow => ({ feature, start: WINDOW, samples, psi, band, tooFew });

const churn: FleetModelRow = {
  model: "churn_xgb",
  endpoint: "churn-online",
  worst: drift("monthly_charges", 0.3149, "significant"),
  drifting: [drift("monthly_charges", 0.3149, "significant"), drift("contract_type", 0.17, "moderate")],
  tooFew: ["tenure"],
  prediction: drift("prediction_score", 0.27, "significant"),
  newest: { version: "7", topDecileLift: 0.3 / 0.1, predictions: 5210 },
  previous: { version: "6", topDecileLift: 2.9, predictions: 4800 },
  staleTables: ["billing_events", "support_tickets"],
};
const fraud: FleetModelRow = {
  model: "fraud_lgbm",
  endpoint: "fraud-online",
  worst: null,
  drifting: [],
  tooFew: [],
  prediction: drift("prediction_score", 0.5, null, 300, true),
  newest: null,
  previous: null,
  staleTables: [],
};

describe("the fleet table", () => {
  it("lists every model worst first and offers the same rows as CSV", async () => {
    render(<FleetTable rows={[churn, fraud]} range="from=now-7d&to=now" />);
    const rendered = screen.getAllByTestId("fleet-row");
    expect(rendered.map((row) => row.dataset.model)).toEqual(["churn_xgb", "fraud_lgbm"]);
    const csv = fleetCsv([churn, fraud]);
    expect(csv.rows.map((row) => row[0])).toEqual(rendered.map((row) => row.dataset.model));
    expect(csv.header).toEqual([
      "model",
      "endpoint",
      "worst_feature",
      "worst_band",
      "worst_psi",
      "too_few_samples",
      "drifting_inputs",
      "prediction_band",
      "prediction_psi",
      "newest_version",
      "newest_top_decile_lift",
      "newest_outcomes",
      "previous_version",
      "previous_top_decile_lift",
      "stale_feature_tables",
    ]);
    // The table prints "v7 3.00× (5,210 outcomes)"; the CSV has the lift without floating-point noise.
    expect(within(rendered[0]!).getByText("v7 3.00× (5,210 outcomes)")).toBeTruthy();
    expect(csv.rows[0]).toEqual([
      "churn_xgb",
      "churn-online",
      "monthly_charges",
      "significant",
      0.3149,
      "tenure",
      "monthly_charges (significant); contract_type (moderate)",
      "significant",
      0.27,
      "7",
      3,
      5210,
      "6",
      2.9,
      "billing_events; support_tickets",
    ]);
    const file = await clickCsvDownload(screen.getByRole("button", { name: "Download CSV of the monitored models" }));
    expect(file).toEqual({ filename: "monitoring-fleet.csv", text: csvText(csv) });
  });

  it("leaves empty what the table says is missing, and no PSI where it shows no judged window", () => {
    render(<FleetTable rows={[fraud]} range="from=now-7d&to=now" />);
    const cells = [...screen.getByTestId("fleet-row").children].map((cell) => cell.textContent);
    expect(cells.slice(2)).toEqual(["no judged window", "none", "no judged window", "no matured outcomes", "none"]);
    expect(fleetCsv([fraud]).rows[0]).toEqual(["fraud_lgbm", "fraud-online", null, null, null, "", "", null, null, null, null, null, null, null, ""]);
  });

  it("offers no download when no model wrote drift windows", () => {
    render(<FleetTable rows={[]} range="from=now-7d&to=now" />);
    expect(screen.queryByRole("button")).toBeNull();
    expect(document.body.textContent).toContain("No model wrote drift windows");
  });
});
