// Every KQL text the app sends must parse and analyse against the declared telemetry contract
// and run on the emulator. Convention: the app keeps its queries in modules under lib/ named
// `*.kql.ts`, each exporting `KQL_QUERIES: Record<string, string>` and, by the same names, the row
// schema the app parses each query's answer with (`KQL_ROWS`): the emulator's rows must parse with it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { parseRows } from "../../lib/sources/log-analytics/log-analytics-rows";
import { createTelemetry } from "../scenario/telemetry/telemetry";
import { testContext } from "../testing/test-context";
import { analyzeKql, runKql } from "./run-kql";

const LIB = path.resolve(import.meta.dirname, "..", "..", "lib");

// A tabular operator after a pipe, as in `AppRequests | where …`: what KQL text looks like.
const KQL_PIPE = /\|\s*(where|summarize|project|extend|make-series|join|top|take)\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const modules = sourceFiles(LIB).filter((file) => file.endsWith(".kql.ts"));
const queries = await Promise.all(
  modules.map(async (file) => {
    const exported = (await import(file)) as { KQL_QUERIES?: Record<string, string>; KQL_ROWS?: Record<string, z.ZodType> };
    return { file: path.relative(LIB, file), queries: Object.entries(exported.KQL_QUERIES ?? {}), rows: exported.KQL_ROWS ?? {} };
  }),
);

describe("the app's KQL", () => {
  it("is declared as a non-empty KQL_QUERIES map in every *.kql.ts module", () => {
    for (const kqlModule of queries) expect(kqlModule.queries.length, `${kqlModule.file} exports no KQL_QUERIES`).toBeGreaterThan(0);
  });

  it("lives only in *.kql.ts modules, so that this test sees all of it", () => {
    const strays = sourceFiles(LIB).filter((file) => !file.endsWith(".kql.ts") && KQL_PIPE.test(readFileSync(file, "utf8")));
    expect(strays.map((file) => path.relative(LIB, file))).toEqual([]);
  });

  const context = testContext();
  const telemetry = createTelemetry(context);
  for (const { file, queries: entries, rows } of queries) {
    it(`${file} declares a row schema for each query and for no other`, () => {
      expect(Object.keys(rows).sort()).toEqual(entries.map(([name]) => name).sort());
    });
    for (const [name, text] of entries) {
      it(`${file} › ${name} parses, analyses against the telemetry contract, runs on the emulator and its rows parse`, () => {
        const analysis = analyzeKql(text);
        expect(analysis.ok ? [] : analysis.diagnostics).toEqual([]);
        const result = runKql(text, { sources: telemetry.sources, nowMs: context.clock.now().getTime() });
        expect(result.columns.length).toBeGreaterThan(0);
        // Each example window holds data, so the schema check below sees real rows.
        expect(result.rows.length).toBeGreaterThan(0);
        // As the SDK hands them over: datetimes as Date (the engine keeps epoch ms).
        const table = { columnDescriptors: result.columns, rows: result.rows.map((values) => values.map((value, column) => (result.columns[column]!.type === "datetime" && typeof value === "number" ? new Date(value) : value))) };
        const parsed = parseRows(table, rows[name]!);
        expect("problem" in parsed ? parsed.problem : null).toBeNull();
      });
    }
  }

  it("the checker itself refuses what the contract does not declare", () => {
    expect(analyzeKql("AppRequests | where NoSuchColumn > 1").ok).toBe(false);
    expect(analyzeKql("NoSuchTable | take 1").ok).toBe(false);
    expect(analyzeKql("AppRequests | summarize sum(ItemCount) by bin(TimeGenerated, 5m)").ok).toBe(true);
  });
});
