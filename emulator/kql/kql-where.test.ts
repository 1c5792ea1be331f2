// where and scalar expressions, query by query, against expectations computed in plain JS from
// the fixture rows.
import { describe, expect, it } from "vitest";
import { FIXTURE_NOW, FIXTURE_REQUESTS, records, runFixture, type FixtureRequest } from "./testing/fixture-tables";

const MINUTE = 60_000;
/** Times of the fixture rows a predicate keeps, in fixture order. */
const timesWhere = (keep: (request: FixtureRequest) => boolean) => FIXTURE_REQUESTS.filter(keep).map((request) => request.time);
const timesOf = (query: string) => records(runFixture(query)).map((row) => row.TimeGenerated);

describe("where", () => {
  it.each([
    ["Success == false", (r: FixtureRequest) => !r.success],
    ["Success != true", (r: FixtureRequest) => !r.success],
    ["DurationMs > 60", (r: FixtureRequest) => r.durationMs > 60],
    ["DurationMs >= 70 and DurationMs <= 120", (r: FixtureRequest) => r.durationMs >= 70 && r.durationMs <= 120],
    ["DurationMs < 10 or ResultCode == '503'", (r: FixtureRequest) => r.durationMs < 10 || r.resultCode === "503"],
    ["not(Success)", (r: FixtureRequest) => !r.success],
    ["ResultCode in ('500', '503')", (r: FixtureRequest) => ["500", "503"].includes(r.resultCode)],
    ["ResultCode !in ('200')", (r: FixtureRequest) => r.resultCode !== "200"],
    ["Name in~ ('post /SCORE')", (r: FixtureRequest) => r.name.toLowerCase() === "post /score"],
    ["Name == 'POST /score'", (r: FixtureRequest) => r.name === "POST /score"],
    ["Name =~ 'post /score'", (r: FixtureRequest) => r.name.toLowerCase() === "post /score"],
    ["Name !~ 'post /score'", (r: FixtureRequest) => r.name.toLowerCase() !== "post /score"],
    // has matches whole terms: "score" is a term of "POST /score" but not of "POST /scoreBatch".
    ["Name has 'score'", (r: FixtureRequest) => /(^|[^a-z0-9])score($|[^a-z0-9])/i.test(r.name)],
    ["Name !has 'score'", (r: FixtureRequest) => !/(^|[^a-z0-9])score($|[^a-z0-9])/i.test(r.name)],
    ["Name has_cs 'Score'", (r: FixtureRequest) => r.name === "POST /Score"],
    ["Name contains 'SCORE'", (r: FixtureRequest) => r.name.toLowerCase().includes("score")],
    ["Name contains_cs 'Batch'", (r: FixtureRequest) => r.name.includes("Batch")],
    ["Name !contains 'score'", (r: FixtureRequest) => !r.name.toLowerCase().includes("score")],
    ["Name startswith 'get'", (r: FixtureRequest) => r.name.toLowerCase().startsWith("get")],
    ["Name !startswith 'POST'", (r: FixtureRequest) => !r.name.startsWith("POST")],
    ["Name endswith 'batch'", (r: FixtureRequest) => r.name.toLowerCase().endsWith("batch")],
    ["Name matches regex '^POST /[a-z]+$'", (r: FixtureRequest) => /^POST \/[a-z]+$/.test(r.name)],
    ["DurationMs between (40 .. 90)", (r: FixtureRequest) => r.durationMs >= 40 && r.durationMs <= 90],
    ["DurationMs !between (40 .. 90)", (r: FixtureRequest) => r.durationMs < 40 || r.durationMs > 90],
    ["isnull(Properties)", (r: FixtureRequest) => r.properties === null],
    ["isnotnull(Properties.cost_tokens)", (r: FixtureRequest) => r.properties?.cost_tokens !== undefined],
    ["isnotempty(tostring(Properties.deployment))", (r: FixtureRequest) => Boolean(r.properties?.deployment)],
    ["isempty(tostring(Properties.deployment))", (r: FixtureRequest) => !r.properties?.deployment],
  ])("where %s", (predicate, keep) => {
    expect(timesOf(`Requests | where ${predicate}`)).toEqual(timesWhere(keep));
  });

  it("compares times with ago(), now(), datetime() literals and timespan literals", () => {
    expect(timesOf("Requests | where TimeGenerated > ago(30m)")).toEqual(timesWhere((r) => r.time > FIXTURE_NOW - 30 * MINUTE));
    expect(timesOf("Requests | where TimeGenerated >= now() - 1h")).toEqual(timesWhere((r) => r.time >= FIXTURE_NOW - 60 * MINUTE));
    expect(timesOf("Requests | where TimeGenerated < ago(1d)")).toEqual(timesWhere((r) => r.time < FIXTURE_NOW - 1440 * MINUTE));
    expect(timesOf("Requests | where TimeGenerated > ago(30s)")).toEqual(timesWhere((r) => r.time > FIXTURE_NOW - 0.5 * MINUTE));
    expect(timesOf("Requests | where TimeGenerated between (datetime(2026-11-20T10:00:00Z) .. datetime(2026-11-20 11:00))")).toEqual(
      timesWhere((r) => r.time >= Date.parse("2026-11-20T10:00:00Z") && r.time <= Date.parse("2026-11-20T11:00:00Z")),
    );
    expect(timesOf("Requests | where TimeGenerated between (ago(2h) .. 1h)")).toEqual(
      timesWhere((r) => r.time >= FIXTURE_NOW - 120 * MINUTE && r.time <= FIXTURE_NOW - 60 * MINUTE),
    );
  });

  it("reads dynamic members by path and by index, and lets scalars", () => {
    const blue = timesWhere((r) => r.properties?.deployment === "blue");
    expect(timesOf("Requests | where Properties.deployment == 'blue'")).toEqual(blue);
    expect(timesOf("Requests | where tostring(Properties['deployment']) == 'blue'")).toEqual(blue);
    expect(timesOf("let wanted = 'blue'; let window = 2h; Requests | where TimeGenerated > ago(window) and Properties.deployment == wanted")).toEqual(
      timesWhere((r) => r.properties?.deployment === "blue" && r.time > FIXTURE_NOW - 120 * MINUTE),
    );
    expect(timesOf("Requests | where toint(Properties.cost_tokens) >= 3")).toEqual(timesWhere((r) => (r.properties?.cost_tokens ?? 0) >= 3));
  });
});

describe("scalar expressions", () => {
  const first = (expression: string) => records(runFixture(`Requests | take 1 | project v = ${expression}`))[0]!.v;

  it.each([
    ["1 + 2 * 3", 7],
    ["7 / 2", 3],
    ["-7 / 2", -3],
    ["7.0 / 2", 3.5],
    ["7 % 4", 3],
    ["-DurationMs", -40],
    ["iff(Success, 'ok', 'failed')", "ok"],
    ["iif(DurationMs > 100, 'slow', 'fast')", "fast"],
    ["case(DurationMs < 10, 'tiny', DurationMs < 50, 'small', 'large')", "small"],
    ["case(DurationMs < 10, 'tiny', 'other')", "other"],
    ["tostring(ItemCount)", "5"],
    ["tostring(Success)", "true"],
    ["tostring(Properties.model_name)", "churn_xgb"],
    ["tostring(Properties)", JSON.stringify(FIXTURE_REQUESTS[0]!.properties)],
    ["tostring(datetime(2026-01-02 03:04:05))", "2026-01-02T03:04:05Z"],
    ["tostring(90m)", "01:30:00"],
    ["tostring(1d + 2s)", "1.00:00:02"],
    ["toint('42')", 42],
    ["toint(7.9)", 7],
    ["tolong('x')", null],
    ["todouble('2.5')", 2.5],
    ["toreal(ItemCount) / 2", 2.5],
    ["tobool('true')", true],
    ["tobool(0)", false],
    ["toint(Properties.cost_tokens) * ItemCount", 10],
    ["todouble(Properties.cost_tokens) * 1.5", 3],
    ["Properties.cost_tokens * 2", 4],
    ["now() - ago(1h)", 3_600_000],
    ["datetime(2026-11-20T12:00:00Z) - 1d", FIXTURE_NOW - 1440 * MINUTE],
    ["bin(datetime(2026-11-20T11:47:31Z), 15m)", Date.parse("2026-11-20T11:45:00Z")],
    ["bin(DurationMs, 25)", 25],
    ["strcat(Name, ' on ', tostring(Properties.deployment))", "POST /score on blue"],
    ["strlen(Name)", 11],
    ["toupper(tostring(Properties.deployment))", "BLUE"],
    ["substring(Name, 5, 3)", "/sc"],
    ["round(2.456, 2)", 2.46],
    ["isnotempty('')", false],
    ["coalesce(tostring(Properties.absent), 'fallback')", "fallback"],
    ["startofday(TimeGenerated)", Date.parse("2026-11-20T00:00:00Z")],
    ["hourofday(TimeGenerated)", 11],
    ["parse_json('{\"a\":[1,2]}').a[1]", 2],
    ["array_length(dynamic([1,2,3]))", 3],
    ["max_of(1, DurationMs, 3)", 40],
  ])("%s", (expression, expected) => {
    expect(first(expression)).toEqual(expected);
  });

  it("types result columns as Kusto does", () => {
    const result = runFixture("Requests | take 1 | project a = ItemCount * 2, b = DurationMs / 2, c = TimeGenerated - ago(1h), d = toint('1'), e = Properties.x, f = Success");
    expect(result.columns).toEqual([
      { name: "a", type: "long" },
      { name: "b", type: "real" },
      { name: "c", type: "timespan" },
      { name: "d", type: "int" },
      { name: "e", type: "dynamic" },
      { name: "f", type: "bool" },
    ]);
  });
});
