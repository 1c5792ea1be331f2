import { describe, expect, it } from "vitest";
import { z } from "zod";
import { logsColumn, parseRows, rowsByColumnName } from "./log-analytics-rows";

const table = {
  columnDescriptors: [
    { name: "Deployment", type: "string" },
    { name: "Requests", type: "long" },
    { name: "P95Ms", type: "real" },
    { name: "BinStart", type: "datetime" },
  ],
  rows: [
    ["blue", 5400, 81.25, new Date("2026-11-20T11:00:00Z")],
    ["green", 600, "NaN", "2026-11-20T11:00:00.0000000Z"],
  ],
};

describe("Logs result rows", () => {
  it("are keyed by column name, whatever the column order", () => {
    const reordered = { columnDescriptors: [...table.columnDescriptors].reverse(), rows: table.rows.map((row) => [...row].reverse()) };
    expect(rowsByColumnName(reordered)).toEqual(rowsByColumnName(table));
    expect(rowsByColumnName(table)[0]).toEqual({ Deployment: "blue", Requests: 5400, P95Ms: 81.25, BinStart: new Date("2026-11-20T11:00:00Z") });
  });

  it("parse with the wire types: NaN reals become null, datetime text or Date become Date", () => {
    const schema = z.object({ Deployment: logsColumn.string, Requests: logsColumn.long, P95Ms: logsColumn.real, BinStart: logsColumn.datetime });
    const parsed = parseRows(table, schema);
    expect(parsed).toEqual({
      rows: [
        { Deployment: "blue", Requests: 5400, P95Ms: 81.25, BinStart: new Date("2026-11-20T11:00:00Z") },
        { Deployment: "green", Requests: 600, P95Ms: null, BinStart: new Date("2026-11-20T11:00:00Z") },
      ],
    });
  });

  it("name the first row and column that does not fit, and fill missing cells with null", () => {
    const schema = z.object({ Deployment: logsColumn.string, Requests: logsColumn.long });
    expect(parseRows({ columnDescriptors: table.columnDescriptors, rows: [["blue", 1], ["green", "many"]] }, schema)).toEqual({
      problem: { row: 1, path: "Requests", message: expect.any(String) },
    });
    expect(rowsByColumnName({ columnDescriptors: [{ name: "A" }, { name: "B" }], rows: [[1]] })).toEqual([{ A: 1, B: null }]);
  });
});
