// summarize: every aggregate, Kusto's automatic column names, by columns and bin(), expressions
// over aggregates, and the defaults of an empty input; expectations computed in plain JS.
import { describe, expect, it } from "vitest";
import { nearestRankPercentile } from "./eval/percentile";
import { FIXTURE_NOW, FIXTURE_REQUESTS, records, runFixture } from "./testing/fixture-tables";

const requests = FIXTURE_REQUESTS;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const sortedDurations = (rows = requests) => rows.map((r) => r.durationMs).sort((a, b) => a - b);

describe("summarize", () => {
  it("names aggregate columns as Kusto does and computes each aggregate", () => {
    const result = runFixture(
      "Requests | summarize count(), countif(Success == false), sum(ItemCount), sumif(ItemCount, Success), avg(DurationMs), avgif(DurationMs, Success), min(DurationMs), max(TimeGenerated), dcount(Name), percentile(DurationMs, 95), percentiles(DurationMs, 50, 90)",
    );
    expect(result.columns.map((column) => `${column.name}:${column.type}`)).toEqual([
      "count_:long",
      "countif_:long",
      "sum_ItemCount:long",
      "sumif_ItemCount:long",
      "avg_DurationMs:real",
      "avgif_DurationMs:real",
      "min_DurationMs:real",
      "max_TimeGenerated:datetime",
      "dcount_Name:long",
      "percentile_DurationMs_95:real",
      "percentile_DurationMs_50:real",
      "percentile_DurationMs_90:real",
    ]);
    const succeeded = requests.filter((r) => r.success);
    expect(result.rows).toEqual([
      [
        requests.length,
        requests.filter((r) => !r.success).length,
        sum(requests.map((r) => r.itemCount)),
        sum(succeeded.map((r) => r.itemCount)),
        sum(requests.map((r) => r.durationMs)) / requests.length,
        sum(succeeded.map((r) => r.durationMs)) / succeeded.length,
        Math.min(...requests.map((r) => r.durationMs)),
        Math.max(...requests.map((r) => r.time)),
        new Set(requests.map((r) => r.name)).size,
        nearestRankPercentile(sortedDurations(), 95),
        nearestRankPercentile(sortedDurations(), 50),
        nearestRankPercentile(sortedDurations(), 90),
      ],
    ]);
  });

  it("groups by columns, dynamic members and bin(TimeGenerated, 1h), naming the keys", () => {
    const result = runFixture("Requests | where isnotnull(Properties) | summarize requests = sum(ItemCount) by bin(TimeGenerated, 1h), tostring(Properties.deployment)");
    expect(result.columns.map((column) => column.name)).toEqual(["TimeGenerated", "Properties_deployment", "requests"]);
    const expected = new Map<string, number>();
    for (const r of requests.filter((request) => request.properties)) {
      const key = `${Math.floor(r.time / 3_600_000) * 3_600_000}|${r.properties!.deployment}`;
      expected.set(key, (expected.get(key) ?? 0) + r.itemCount);
    }
    const actual = new Map(records(result).map((row) => [`${row.TimeGenerated}|${row.Properties_deployment}`, row.requests]));
    expect(actual).toEqual(expected);
  });

  it("computes expressions over aggregates (error rate, request-weighted cost)", () => {
    const [row] = records(
      runFixture(
        "Requests | summarize errorRate = 100.0 * sumif(ItemCount, Success == false) / sum(ItemCount), costPerRequest = sum(todouble(Properties.cost_tokens) * ItemCount) / sum(ItemCount)",
      ),
    );
    const items = sum(requests.map((r) => r.itemCount));
    expect(row!.errorRate).toBeCloseTo((100 * sum(requests.filter((r) => !r.success).map((r) => r.itemCount))) / items, 10);
    expect(row!.costPerRequest).toBeCloseTo(sum(requests.map((r) => (r.properties?.cost_tokens ?? 0) * r.itemCount)) / items, 10);
  });

  it("keeps the latest row per key with arg_max(TimeGenerated, *)", () => {
    const result = runFixture("Requests | summarize arg_max(TimeGenerated, *) by Name | project Name, TimeGenerated, DurationMs");
    const latest = new Map<string, { time: number; durationMs: number }>();
    for (const r of requests) if ((latest.get(r.name)?.time ?? -Infinity) < r.time) latest.set(r.name, { time: r.time, durationMs: r.durationMs });
    expect(new Map(records(result).map((row) => [row.Name, { time: row.TimeGenerated, durationMs: row.DurationMs }]))).toEqual(latest);
  });

  it("collects lists and sets, and takes any value", () => {
    const [row] = records(runFixture("Requests | where Name == 'POST /score' | summarize make_set(ResultCode), make_list(ItemCount), take_any(Name)"));
    const matching = requests.filter((r) => r.name === "POST /score");
    expect(row!.set_ResultCode).toEqual([...new Set(matching.map((r) => r.resultCode))]);
    expect(row!.list_ItemCount).toEqual(matching.map((r) => r.itemCount));
    expect(row!.Name).toBe("POST /score");
  });

  it("returns one row of defaults for an empty input without by, and no row with by", () => {
    expect(records(runFixture("Requests | where false | summarize count(), sum(ItemCount), avg(DurationMs), dcount(Name), make_list(Name)"))).toEqual([
      { count_: 0, sum_ItemCount: 0, avg_DurationMs: null, dcount_Name: 0, list_Name: [] },
    ]);
    expect(runFixture("Requests | where false | summarize count() by Name").rows).toEqual([]);
  });

  it("counts requests in a time window with the count operator and distinct values with distinct", () => {
    expect(runFixture("Requests | where TimeGenerated > ago(1h) | count").rows).toEqual([[requests.filter((r) => r.time > FIXTURE_NOW - 3_600_000).length]]);
    const distinct = runFixture("Requests | distinct Name, Success");
    expect(distinct.rows).toEqual([...new Map(requests.map((r) => [`${r.name}|${r.success}`, [r.name, r.success]])).values()]);
  });
});
