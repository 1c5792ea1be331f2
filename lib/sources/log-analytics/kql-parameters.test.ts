import { describe, expect, it } from "vitest";
import { kqlAgoLiteral, kqlDatetimeLiteral, kqlRealLiteral, kqlStringLiteral, kqlTimespanLiteral, withParameters } from "./kql-parameters";

describe("KQL parameters", () => {
  it("declares each parameter as a let in front of the query", () => {
    const text = withParameters("\nAppRequests | take 1\n", {
      endpointName: kqlStringLiteral("churn-endpoint"),
      windowStart: kqlDatetimeLiteral(new Date("2026-11-20T11:45:00Z")),
      binSize: kqlTimespanLiteral(60_000),
      since: kqlAgoLiteral(900_000),
      target: kqlRealLiteral(0.999),
    });
    expect(text).toBe(
      'let endpointName = "churn-endpoint";\nlet windowStart = datetime(2026-11-20T11:45:00.000Z);\nlet binSize = 60000ms;\nlet since = ago(900000ms);\nlet target = real(0.999);\nAppRequests | take 1',
    );
  });

  it("escapes whatever a string holds, so it cannot end the literal", () => {
    expect(kqlStringLiteral('a"b\\c').kql).toBe('"a\\"b\\\\c"');
    expect(kqlStringLiteral('x";\nAppRequests | take 1 //').kql).toBe('"x\\";\\nAppRequests | take 1 //"');
    expect(kqlStringLiteral("tab\there\u0001").kql).toBe('"tab\\there\\u0001"');
  });

  it("refuses values KQL cannot hold, and parameter names that are not identifiers", () => {
    expect(() => kqlDatetimeLiteral(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => kqlTimespanLiteral(1.5)).toThrow(RangeError);
    expect(() => kqlTimespanLiteral(-1)).toThrow(RangeError);
    expect(() => kqlRealLiteral(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => withParameters("T", { "x; drop": kqlStringLiteral("") })).toThrow(RangeError);
  });
});
