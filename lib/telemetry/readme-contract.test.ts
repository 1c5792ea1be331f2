import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TELEMETRY_TABLES } from "./contract";

describe("README's telemetry contract", () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Telemetry contract"), readme.indexOf("## Database and migrations"));

  it("names every declared table and every column of the custom tables", () => {
    for (const [name, table] of Object.entries(TELEMETRY_TABLES)) {
      expect(section).toContain(`\`${name}\``);
      if (!name.endsWith("_CL")) continue;
      for (const column of table.columns) if (column.name !== "Type") expect(section, `${name}.${column.name}`).toContain(`\`${column.name}\``);
    }
  });
});
