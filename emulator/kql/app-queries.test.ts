// Every KQL text the app sends must parse and analyse against the declared telemetry contract
// and run on the emulator. Convention: the app keeps its queries in modules under lib/ named
// `*.kql.ts`, each exporting `KQL_QUERIES: Record<string, string>`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
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
    const exported = (await import(file)) as { KQL_QUERIES?: Record<string, string> };
    return { file: path.relative(LIB, file), queries: Object.entries(exported.KQL_QUERIES ?? {}) };
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
  for (const { file, queries: entries } of queries) {
    for (const [name, text] of entries) {
      it(`${file} › ${name} parses, analyses against the telemetry contract and runs on the emulator`, () => {
        const analysis = analyzeKql(text);
        expect(analysis.ok ? [] : analysis.diagnostics).toEqual([]);
        const result = runKql(text, { sources: telemetry.sources, nowMs: context.clock.now().getTime() });
        expect(result.columns.length).toBeGreaterThan(0);
      });
    }
  }

  it("the checker itself refuses what the contract does not declare", () => {
    expect(analyzeKql("AppRequests | where NoSuchColumn > 1").ok).toBe(false);
    expect(analyzeKql("NoSuchTable | take 1").ok).toBe(false);
    expect(analyzeKql("AppRequests | summarize sum(ItemCount) by bin(TimeGenerated, 5m)").ok).toBe(true);
  });
});
