import { describe, expect, it } from "vitest";
import { APP_REQUEST_PROPERTIES, kustoSchemaText, TELEMETRY_TABLES } from "./contract";

describe("telemetry contract", () => {
  it("declares every table with TimeGenerated, unique documented columns and Kusto types", () => {
    const kustoTypes = new Set(["string", "long", "int", "real", "bool", "datetime", "dynamic", "timespan", "guid", "decimal"]);
    for (const [name, table] of Object.entries(TELEMETRY_TABLES)) {
      const names = table.columns.map((column) => column.name);
      expect(new Set(names).size, name).toBe(names.length);
      expect(table.columns.find((column) => column.name === "TimeGenerated")?.type, name).toBe("datetime");
      expect(table.description.length, name).toBeGreaterThan(20);
      for (const column of table.columns) {
        expect(kustoTypes.has(column.type), `${name}.${column.name}`).toBe(true);
        expect(column.description.length, `${name}.${column.name}`).toBeGreaterThan(5);
      }
    }
    expect(Object.keys(TELEMETRY_TABLES).filter((name) => name !== "AppRequests").every((name) => name.endsWith("_CL"))).toBe(true);
  });

  it("keeps AppRequests as Log Analytics returns it, with sampling and the serving properties", () => {
    const columns = Object.fromEntries(TELEMETRY_TABLES.AppRequests.columns.map((column) => [column.name, column.type]));
    expect(columns).toMatchObject({
      TimeGenerated: "datetime",
      Success: "bool",
      ResultCode: "string",
      DurationMs: "real",
      Properties: "dynamic",
      ItemCount: "int",
      _ResourceId: "string",
      Type: "string",
    });
    expect(Object.keys(APP_REQUEST_PROPERTIES)).toEqual(
      expect.arrayContaining(["model_name", "model_version", "deployment", "endpoint", "feature_set_hash", "cost_tokens"]),
    );
  });

  it("writes a table's schema in Kusto's declaration syntax", () => {
    expect(kustoSchemaText({ columns: [{ name: "TimeGenerated", type: "datetime" }, { name: "_ResourceId", type: "string" }] })).toBe(
      "(['TimeGenerated']:datetime, ['_ResourceId']:string)",
    );
  });
});
