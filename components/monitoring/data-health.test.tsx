// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { deadLetterHealth, featureTableHealth } from "@/lib/domain/monitoring/data-health";
import { clickCsvDownload } from "@/components/table/csv-download-testing";
import { csvText } from "@/components/table/csv-table";
import { DataHealth, deadLetterQueuesCsv, DeadLetterQueues, featureTablesCsv } from "./data-health";

afterEach(cleanup);

const probedAt = new Date("2026-11-20T10:00:00Z");
const tables = featureTableHealth([
  { table: "customer_usage", consumersText: '["churn","upsell"]', lagMinutes: 4.25, lastRefreshTime: new Date("2026-11-20T09:55:45Z"), probedAt },
  { table: "billing_events", consumersText: '["churn"]', lagMinutes: 95, lastRefreshTime: new Date("2026-11-20T08:25:00Z"), probedAt },
  { table: "support_tickets", consumersText: "[]", lagMinutes: null, lastRefreshTime: new Date("2026-11-19T10:00:00Z"), probedAt },
]);
const queues = deadLetterHealth([
  { namespace: "sb-scoring", queue: "score-requests", depth: 12, oldestMessageAgeMinutes: 30, sampledAt: probedAt },
  { namespace: "sb-scoring", queue: "outcome-join", depth: 180, oldestMessageAgeMinutes: 125, sampledAt: probedAt },
]);
const asOf = "2026-11-20T10:00:00.000Z";

const bodyRows = (testId: string) => within(screen.getByTestId(testId)).getAllByRole("row").slice(1);
const cells = (row: HTMLElement) => [...row.children].map((cell) => cell.textContent);

describe("data health", () => {
  it("lists feature tables stale first, with their readers and lag against the SLO", () => {
    render(<DataHealth featureTables={{ value: tables, asOf, staleBecause: null, problem: null }} deadLetters={{ value: queues, asOf, staleBecause: null, problem: null }} />);
    expect(screen.getByTestId("feature-tables").id).toBe("feature-tables");
    expect(within(screen.getByTestId("feature-tables")).getByRole("columnheader", { name: "Lag (SLO < 15 min)" })).toBeTruthy();
    const rows = bodyRows("feature-tables");
    // Unknown lag counts as stale and sorts first, then 95 min; 4.25 min is fresh.
    expect(rows.map((row) => row.dataset.table)).toEqual(["support_tickets", "billing_events", "customer_usage"]);
    expect(cells(rows[0]!)).toEqual(["support_tickets", "not recorded", "unknown", "2026-11-19 10:00:00 UTC", "Stale"]);
    expect(cells(rows[1]!)).toEqual(["billing_events", "churn", "1 h 35 min", "2026-11-20 08:25:00 UTC", "Stale"]);
    expect(cells(rows[2]!)).toEqual(["customer_usage", "churn, upsell", "4.3 min", "2026-11-20 09:55:45 UTC", "Fresh"]);
  });

  it("lists dead-letter queues deepest first against the threshold, with the oldest message's age", () => {
    render(<DataHealth featureTables={{ value: tables, asOf, staleBecause: null, problem: null }} deadLetters={{ value: queues, asOf, staleBecause: null, problem: null }} />);
    const rows = bodyRows("dead-letter-queues");
    expect(cells(rows[0]!)).toEqual(["outcome-join (sb-scoring)", "180", "2 h 5 min", "2026-11-20 10:00:00 UTC", "Over threshold"]);
    expect(cells(rows[1]!)).toEqual(["score-requests (sb-scoring)", "12", "30 min", "2026-11-20 10:00:00 UTC", "Below threshold"]);
    expect(within(screen.getByTestId("dead-letter-queues")).getByRole("columnheader", { name: "Depth (threshold 50)" })).toBeTruthy();
  });

  it("lets each probe's panel fail on its own", () => {
    const problem = { upstream: "Log Analytics", message: "Log Analytics answered 429.", notConfigured: false, missing: [] };
    render(<DataHealth featureTables={{ value: null, asOf: null, staleBecause: null, problem }} deadLetters={{ value: queues, asOf, staleBecause: null, problem: null }} />);
    expect(screen.queryByTestId("feature-tables")).toBeNull();
    expect(screen.getByTestId("upstream-unavailable").textContent).toContain("Log Analytics answered 429.");
    expect(bodyRows("dead-letter-queues")).toHaveLength(2);
  });

  it("says when nothing was probed", () => {
    render(<DataHealth featureTables={{ value: [], asOf, staleBecause: null, problem: null }} deadLetters={{ value: [], asOf, staleBecause: null, problem: null }} />);
    expect(document.body.textContent).toContain("No feature table this model reads was probed in the last hour.");
    expect(document.body.textContent).toContain("No dead-letter queue was sampled in the last hour.");
  });

  it("offers the feature tables as CSV, row for row in the table's order, with lag in minutes and times in UTC", async () => {
    render(<DataHealth featureTables={{ value: tables, asOf, staleBecause: null, problem: null }} deadLetters={{ value: queues, asOf, staleBecause: null, problem: null }} model="churn_xgb" />);
    const csv = featureTablesCsv(tables);
    expect(csv.header).toEqual(["feature_table", "read_by", "lag_minutes", "last_refresh", "state"]);
    expect(csv.rows.map((row) => row[0])).toEqual(bodyRows("feature-tables").map((row) => row.dataset.table));
    expect(csv.rows).toEqual([
      ["support_tickets", "", null, "2026-11-19T10:00:00.000Z", "stale"],
      ["billing_events", "churn", 95, "2026-11-20T08:25:00.000Z", "stale"],
      ["customer_usage", "churn; upsell", 4.25, "2026-11-20T09:55:45.000Z", "fresh"],
    ]);
    const file = await clickCsvDownload(screen.getByRole("button", { name: "Download CSV of the feature tables" }));
    expect(file).toEqual({ filename: "churn_xgb-feature-tables.csv", text: csvText(csv) });
  });

  it("offers the dead-letter queues as CSV, deepest first as the table lists them", async () => {
    render(<DeadLetterQueues queues={queues} />);
    const csv = deadLetterQueuesCsv(queues);
    expect(csv.header).toEqual(["queue", "namespace", "depth_messages", "oldest_message_age_minutes", "sampled_at", "state"]);
    expect(csv.rows.map((row) => row[0])).toEqual(bodyRows("dead-letter-queues").map((row) => row.dataset.queue));
    expect(csv.rows[0]).toEqual(["outcome-join", "sb-scoring", 180, 125, "2026-11-20T10:00:00.000Z", "over threshold"]);
    // On the fleet page no model names the file.
    const file = await clickCsvDownload(screen.getByRole("button", { name: "Download CSV of the dead-letter queues" }));
    expect(file).toEqual({ filename: "dead-letter-queues.csv", text: csvText(csv) });
    expect(file.text.split("\r\n")).toHaveLength(1 + 2 + 1);
  });
});
