import { describe, expect, it } from "vitest";
import { ALERT_EVENT_RULES, alertRuleQuery, maxBadRatio, RULE_PAIRS, ruleWindows } from "./alert-rules.kql";
import { KQL_QUERIES as SLO_PAGE_QUERIES } from "./slo.kql";

describe("the alert rules' pairs", () => {
  it("are the workbook's table, the 3-day window cut to the 2 days a log search alert reads", () => {
    const pairs = (severity: "page" | "ticket") => RULE_PAIRS[severity].map((pair) => [pair.factor, pair.long, pair.short, pair.shortenedFrom]);
    expect(pairs("page")).toEqual([
      [14.4, "1h", "5m", null],
      [6, "6h", "30m", null],
    ]);
    expect(pairs("ticket")).toEqual([
      [3, "1d", "2h", null],
      [1, "2d", "6h", "3d"],
    ]);
    expect(ruleWindows("page")).toEqual(["6h", "1h", "30m", "5m"]);
    expect(ruleWindows("ticket")).toEqual(["2d", "1d", "6h", "2h"]);
  });

  it("write factor × (1 − target) as people do", () => {
    expect(maxBadRatio(14.4, 0.999)).toBe(0.0144);
    expect(maxBadRatio(6, 0.95)).toBe(0.3);
    expect(maxBadRatio(1, 0.99999)).toBe(0.00001);
  });
});

describe("alertRuleQuery", () => {
  it("counts the SLO page's events: the same subject, valid and good rules as slo.kql.ts", () => {
    // If the page's definition of an event changes, the alert's must change with it.
    for (const [kind, rules] of Object.entries(ALERT_EVENT_RULES)) {
      const pageQuery = SLO_PAGE_QUERIES[`${kind}Windows`]!;
      expect(pageQuery, kind).toContain(rules.table);
      expect(pageQuery, kind).toContain(rules.subject);
      expect(pageQuery, kind).toContain(rules.good);
      if (rules.valid) expect(pageQuery, kind).toContain(rules.count(`${rules.valid} and TimeGenerated >= since1h`));
      else expect(pageQuery, kind).toContain(`Total1h = ${rules.count("TimeGenerated >= since1h")}`);
    }
  });

  it("scans only its longest window and names its subject as a literal", () => {
    const query = alertRuleQuery({ kind: "freshness", model: 'odd"model', thresholdMinutes: 15 }, "page", 0.99);
    expect(query).toContain("| where TimeGenerated >= ago(6h)\n");
    expect(query).toContain(String.raw`let consumerElement = "\"odd\\\"model\"";`);
    expect(query).toContain("let thresholdMinutes = real(15);");
    expect(query).toContain("Total1h = countif(TimeGenerated >= ago(1h))");
  });

  it("refuses a target without an error budget", () => {
    expect(() => alertRuleQuery({ kind: "availability", endpoint: "churn-endpoint" }, "page", 1)).toThrow(RangeError);
  });
});
