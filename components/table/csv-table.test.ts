import { describe, expect, it } from "vitest";
import { csvDecimal, csvFilename, csvText, csvTime } from "./csv-table";

describe("CSV table values", () => {
  it("gives the file's text: byte order mark, header, rows, each line ended by CRLF", () => {
    expect(csvText({ header: ["a", "b"], rows: [[1, null], ["x,y", "+1"]] })).toBe("\uFEFFa,b\r\n1,\r\n\"x,y\",'+1\r\n");
    expect(csvText({ header: ["a"], rows: [] })).toBe("\uFEFFa\r\n");
  });

  it("rounds away floating-point noise but keeps six decimals", () => {
    expect(0.3 / 0.1).not.toBe(3);
    expect(csvDecimal(0.3 / 0.1)).toBe(3);
    expect(csvDecimal(2 / 3)).toBe(0.666667);
    expect(csvDecimal(0.3149)).toBe(0.3149);
    expect(csvDecimal(null)).toBeNull();
    expect(csvDecimal(undefined)).toBeNull();
  });

  it("writes instants as ISO 8601 in UTC", () => {
    expect(csvTime("2026-11-20T10:00:00+02:00")).toBe("2026-11-20T08:00:00.000Z");
    expect(csvTime(new Date(Date.UTC(2026, 10, 20, 9, 55, 45)))).toBe("2026-11-20T09:55:45.000Z");
  });

  it("names a file from its parts, leaving out missing ones and characters a file name should not hold", () => {
    expect(csvFilename("churn_xgb", "lift-v7")).toBe("churn_xgb-lift-v7.csv");
    expect(csvFilename(undefined, "feature-tables")).toBe("feature-tables.csv");
    expect(csvFilename("churn xgb/../x", null, "gains")).toBe("churn_xgb_.._x-gains.csv");
  });
});
