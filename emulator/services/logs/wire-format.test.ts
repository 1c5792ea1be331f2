// The Logs API's textual details: timespan forms of a request, and value encodings of a response.
import { describe, expect, it } from "vitest";
import { queryResponseBody } from "./query-response";
import { parseIsoDuration, parseTimespan } from "./timespan";

const NOW = Date.parse("2026-11-20T12:00:00Z");

describe("timespan", () => {
  it.each([
    ["PT1H", 3_600_000],
    ["P30D", 30 * 86_400_000],
    ["P1DT2H30M", 86_400_000 + 2.5 * 3_600_000],
    ["PT90S", 90_000],
    ["PT0.5S", 500],
    ["P2W", 14 * 86_400_000],
  ])("reads the duration %s", (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
    expect(parseTimespan(text, NOW)).toEqual({ from: NOW - ms, to: NOW });
  });

  it("reads intervals as start/end, start/duration and duration/end, and refuses the rest", () => {
    expect(parseTimespan("2026-11-20T10:00:00Z/2026-11-20T11:00:00Z", NOW)).toEqual({ from: NOW - 7_200_000, to: NOW - 3_600_000 });
    expect(parseTimespan("2026-11-20T10:00:00Z/PT30M", NOW)).toEqual({ from: NOW - 7_200_000, to: NOW - 5_400_000 });
    expect(parseTimespan("PT30M/2026-11-20T10:00:00Z", NOW)).toEqual({ from: NOW - 9_000_000, to: NOW - 7_200_000 });
    for (const bad of ["", "P", "PT", "1h", "P1M", "2026-11-20T11:00:00Z/2026-11-20T10:00:00Z", "a/b/c"]) expect(parseTimespan(bad, NOW)).toBeUndefined();
  });
});

describe("response values", () => {
  it("sends datetimes as ISO text, timespans as [d.]hh:mm:ss, dynamic as JSON text, numbers and booleans as JSON", () => {
    const body = queryResponseBody({
      columns: [
        { name: "t", type: "datetime" },
        { name: "span", type: "timespan" },
        { name: "bag", type: "dynamic" },
        { name: "text", type: "dynamic" },
        { name: "n", type: "dynamic" },
        { name: "r", type: "real" },
        { name: "b", type: "bool" },
        { name: "s", type: "string" },
      ],
      rows: [
        [NOW, 93_784_500, { a: [1] }, "blue", 7, Number.NaN, true, "x"],
        [null, null, null, null, null, null, null, ""],
      ],
    });
    expect(body.tables[0]!.rows).toEqual([
      ["2026-11-20T12:00:00.000Z", "1.02:03:04.5000000", '{"a":[1]}', "blue", "7", "NaN", true, "x"],
      [null, null, null, null, null, null, null, ""],
    ]);
    expect(body.error).toBeUndefined();
  });

  it("adds a PartialError when the result is incomplete", () => {
    const body = queryResponseBody({ columns: [], rows: [], partial: { code: "E_RUNAWAY_QUERY", message: "too many rows" } });
    expect(body.error).toMatchObject({ code: "PartialError", details: [{ innererror: { code: "E_RUNAWAY_QUERY" } }] });
  });

  it("drops the rows past the response size limit and says so with a PartialError", () => {
    const rows = Array.from({ length: 100 }, (_, index) => [`row-${index}`]);
    const body = queryResponseBody({ columns: [{ name: "Name", type: "string" }], rows }, 200);
    expect(body.tables[0]!.rows.length).toBeGreaterThan(5);
    expect(body.tables[0]!.rows.length).toBeLessThan(100);
    expect(body.error).toMatchObject({ code: "PartialError", details: [{ innererror: { code: "E_QUERY_RESULT_SET_TOO_LARGE" } }] });
  });
});
