// Tabular operators: extend, project, project-away, project-rename, order/sort, top, take/limit,
// join, tabular let, toscalar, make-series, and the request's timespan.
import { describe, expect, it } from "vitest";
import { FIXTURE_NOW, FIXTURE_REQUESTS, OWNERS_TABLE, records, runFixture } from "./testing/fixture-tables";

const requests = FIXTURE_REQUESTS;
const HOUR = 3_600_000;

describe("tabular operators", () => {
  it("extends with named and auto-named columns, replacing an existing one in place", () => {
    const result = runFixture("Requests | extend slow = DurationMs > 100, tostring(Properties.deployment), ItemCount = ItemCount * 10 | take 2");
    expect(result.columns.map((column) => column.name)).toEqual(["TimeGenerated", "Name", "Success", "ResultCode", "DurationMs", "ItemCount", "Properties", "slow", "Properties_deployment"]);
    expect(records(result).map((row) => [row.ItemCount, row.slow, row.Properties_deployment])).toEqual(
      requests.slice(0, 2).map((r) => [r.itemCount * 10, r.durationMs > 100, r.properties?.deployment ?? ""]),
    );
  });

  it("lets a later extend read the columns of an earlier one", () => {
    expect(records(runFixture("Requests | take 1 | extend a = ItemCount * 2 | extend b = a + 1 | project a, b"))).toEqual([{ a: 10, b: 11 }]);
  });

  it("projects, renames and removes columns", () => {
    expect(runFixture("Requests | project Name, ms = DurationMs | take 1").rows).toEqual([[requests[0]!.name, requests[0]!.durationMs]]);
    expect(runFixture("Requests | project-away Properties, Success, ResultCode | take 1").columns.map((c) => c.name)).toEqual(["TimeGenerated", "Name", "DurationMs", "ItemCount"]);
    const renamed = runFixture("Requests | project-rename Started = TimeGenerated | take 1");
    expect(renamed.columns[0]).toEqual({ name: "Started", type: "datetime" });
    expect(renamed.rows[0]![0]).toBe(requests[0]!.time);
  });

  it("sorts ascending and descending (order by and sort by), nulls placed as Kusto does", () => {
    const byDuration = [...requests].sort((a, b) => a.durationMs - b.durationMs).map((r) => r.durationMs);
    expect(runFixture("Requests | order by DurationMs asc | project DurationMs").rows.flat()).toEqual(byDuration);
    expect(runFixture("Requests | sort by DurationMs | project DurationMs").rows.flat()).toEqual([...byDuration].reverse());
    const costs = runFixture("Requests | project c = toint(Properties.cost_tokens) | sort by c desc").rows.flat();
    expect(costs.at(-1)).toBeNull();
    expect(runFixture("Requests | project c = toint(Properties.cost_tokens) | sort by c asc").rows.flat()[0]).toBeNull();
    const twoKeys = runFixture("Requests | order by Success asc, DurationMs desc | project Success, DurationMs").rows;
    expect(twoKeys).toEqual([...requests].sort((a, b) => Number(a.success) - Number(b.success) || b.durationMs - a.durationMs).map((r) => [r.success, r.durationMs]));
  });

  it("takes the top N, and the first N with take/limit (also right after a sort)", () => {
    const slowest = [...requests].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3).map((r) => r.durationMs);
    expect(runFixture("Requests | top 3 by DurationMs | project DurationMs").rows.flat()).toEqual(slowest);
    const fastest = requests.map((r) => r.durationMs).sort((a, b) => a - b).slice(0, 2);
    expect(runFixture("Requests | top 2 by DurationMs asc | project DurationMs").rows.flat()).toEqual(fastest);
    expect(runFixture("Requests | take 4").rows).toHaveLength(4);
    expect(runFixture("Requests | limit 2 | project TimeGenerated").rows.flat()).toEqual(requests.slice(0, 2).map((r) => r.time));
    expect(runFixture("Requests | order by DurationMs desc | take 3 | project DurationMs").rows.flat()).toEqual(slowest);
  });

  it("joins on one key: inner, innerunique (the default) and leftouter", () => {
    const owners = OWNERS_TABLE.scan({ from: 0, to: 0 }) as unknown[][];
    const withModel = requests.filter((r) => r.properties);
    const inner = runFixture("Requests | extend Model = tostring(Properties.model_name) | join kind=inner (Owners) on $left.Model == $right.Model | project Model, Team");
    expect(inner.rows).toEqual(withModel.flatMap((r) => owners.filter((o) => o[0] === r.properties!.model_name).map((o) => [o[0], o[1]])));
    const unique = runFixture("Requests | extend Model = tostring(Properties.model_name) | join (Owners) on Model | project Model, Team");
    const firstPerModel = [...new Map(withModel.map((r) => [r.properties!.model_name, r])).values()];
    expect(unique.rows).toEqual(firstPerModel.flatMap((r) => owners.filter((o) => o[0] === r.properties!.model_name).map((o) => [o[0], o[1]])));
    const outer = runFixture("Owners | join kind=leftouter (Requests | summarize n = count() by Model = tostring(Properties.model_name)) on Model");
    expect(outer.columns.map((c) => c.name)).toEqual(["Model", "Team", "Model1", "n"]);
    expect(records(outer).find((row) => row.Model === "ltv_regressor")).toEqual({ Model: "ltv_regressor", Team: "marketing", Model1: "", n: null });
  });

  it("binds tabular lets and toscalar()", () => {
    const result = runFixture("let scored = Requests | where Name == 'POST /score'; let total = toscalar(scored | summarize sum(ItemCount)); scored | summarize share = 1.0 * sum(ItemCount) / total by Success");
    const scored = requests.filter((r) => r.name === "POST /score");
    const total = scored.reduce((s, r) => s + r.itemCount, 0);
    expect(new Map(records(result).map((row) => [row.Success, row.share]))).toEqual(
      new Map([true, false].map((success) => [success, scored.filter((r) => r.success === success).reduce((s, r) => s + r.itemCount, 0) / total])),
    );
  });

  it("makes series with defaults for empty bins", () => {
    const result = runFixture("Requests | make-series requests = sum(ItemCount) default = 0 on TimeGenerated from datetime(2026-11-20T09:00:00Z) to datetime(2026-11-20T12:00:00Z) step 1h by Success");
    expect(result.columns.map((c) => `${c.name}:${c.type}`)).toEqual(["Success:bool", "requests:dynamic", "TimeGenerated:dynamic"]);
    const hours = [9, 10, 11].map((hour) => Date.parse(`2026-11-20T${String(hour).padStart(2, "0")}:00:00Z`));
    const expected = (success: boolean) => hours.map((start) => requests.filter((r) => r.success === success && r.time >= start && r.time < start + HOUR).reduce((s, r) => s + r.itemCount, 0));
    const bySuccess = new Map(records(result).map((row) => [row.Success, row]));
    expect(bySuccess.get(true)!.requests).toEqual(expected(true));
    expect(bySuccess.get(false)!.requests).toEqual(expected(false));
    expect(bySuccess.get(true)!.TimeGenerated).toEqual(["2026-11-20T09:00:00Z", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z"]);
  });

  it("applies the request's timespan on top of the query's own filters", () => {
    const timespan = { from: FIXTURE_NOW - 2 * HOUR, to: FIXTURE_NOW - 0.5 * HOUR };
    expect(runFixture("Requests | where Success | project TimeGenerated", timespan).rows.flat()).toEqual(
      requests.filter((r) => r.success && r.time >= timespan.from && r.time <= timespan.to).map((r) => r.time),
    );
  });
});
