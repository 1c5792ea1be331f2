// Queries outside the subset or the schemas fail with a KqlError naming the problem (never a silent
// wrong answer); analyzeKql checks the app's queries against the declared telemetry tables.
import { describe, expect, it } from "vitest";
import { KqlError } from "./errors";
import { analyzeKql } from "./run-kql";
import { runFixture } from "./testing/fixture-tables";

function errorOf(query: string): KqlError {
  try {
    runFixture(query);
  } catch (error) {
    if (error instanceof KqlError) return error;
    throw error;
  }
  throw new Error(`expected '${query}' to fail`);
}

describe("errors", () => {
  it.each([
    ["Requests | where (", "SyntaxError", /could not be parsed.*line 1, column 19/],
    ["Requests | summarize count( by Name", "SyntaxError", /could not be parsed/],
    ["Nope | take 1", "SemanticError", /'Nope'/],
    ["Requests | where Foo > 1", "SemanticError", /'Foo'/],
    ["Requests | extend a = 1, b = a + 1", "SemanticError", /'a'/],
    ["Requests | mv-expand Properties", "SemanticError", /Not supported.*mv-expand/],
    ["Requests | union Owners", "SemanticError", /Not supported.*union/],
    ["Requests | extend h = hash(Name)", "SemanticError", /Not supported.*hash\(\)/],
    ["Requests | summarize stdev(DurationMs)", "SemanticError", /Not supported.*stdev\(\)/],
    ["Requests | join kind=fullouter (Owners) on $left.Name == $right.Model", "SemanticError", /join kind=fullouter/],
    ["Requests | join (Owners) on $left.Name == $right.Model, $left.ResultCode == $right.Team", "SemanticError", /2 keys/],
    ["let f = (x: long) { x + 1 }; Requests | extend y = f(ItemCount)", "SemanticError", /user-defined function 'f'/],
    ["Requests | take 1; Owners | take 1", "SemanticError", /statements after/],
    ["Requests | make-series count() on TimeGenerated in range(ago(1h), now(), 5m)", "SemanticError", /make-series/],
  ])("%s → %s", (query, code, message) => {
    const error = errorOf(query);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});

describe("analyzeKql", () => {
  it("accepts a valid query over the telemetry contract and reports its result columns", () => {
    expect(analyzeKql("AppRequests | where TimeGenerated > ago(1h) | summarize requests = sum(ItemCount) by bin(TimeGenerated, 5m), tostring(Properties.deployment)")).toEqual({
      ok: true,
      columns: [
        { name: "TimeGenerated", type: "datetime" },
        { name: "Properties_deployment", type: "string" },
        { name: "requests", type: "long" },
      ],
    });
  });

  it("reports unknown tables and columns of the contract", () => {
    const result = analyzeKql("ModelDrift_CL | where Drift > 0.1");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics.join()).toMatch(/'Drift'/);
    expect(analyzeKql("requests | take 1").ok).toBe(false);
  });

  it("flags valid KQL that the emulator cannot evaluate", () => {
    const result = analyzeKql("AppRequests | summarize stdev(DurationMs)");
    expect(result).toMatchObject({ ok: true, columns: [{ name: "stdev_DurationMs", type: "real" }] });
    expect(result.ok && result.unsupportedByEmulator).toMatch(/stdev/);
  });
});
