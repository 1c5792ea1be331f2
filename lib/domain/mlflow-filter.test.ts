import { describe, expect, it } from "vitest";
import { containsClause, equalsClause, joinClauses, quoteLiteral, tagField } from "./mlflow-filter";

describe("MLflow filter literals", () => {
  it("quotes with single quotes, or double quotes when the value holds a single quote", () => {
    expect(quoteLiteral("churn_xgb")).toBe("'churn_xgb'");
    expect(quoteLiteral("O'Brien")).toBe(`"O'Brien"`);
    expect(quoteLiteral(`say "hi"`)).toBe(`'say "hi"'`);
  });

  it("refuses to quote what MLflow's tokenizer cannot read back: both quotes, or a backslash", () => {
    expect(quoteLiteral(`it's "x"`)).toBeUndefined();
    expect(quoteLiteral("a\\")).toBeUndefined();
  });

  it("builds exact equality when it can, else a LIKE that also matches and must be re-checked", () => {
    expect(equalsClause("name", "churn_xgb")).toEqual({ text: "name = 'churn_xgb'", exact: true });
    expect(equalsClause("name", "O'Brien")).toEqual({ text: `name = "O'Brien"`, exact: true });
    expect(equalsClause("name", `it's "x"\\`)).toEqual({ text: "name LIKE 'it_s _x__'", exact: false });
  });

  it("searches names with LIKE, never letting a quote or % through", () => {
    expect(containsClause("name", "churn")).toEqual({ text: "name LIKE '%churn%'", exact: true });
    expect(containsClause("name", "x' OR name LIKE '%")).toEqual({ text: "name LIKE '%x_ OR name LIKE __%'", exact: false });
    expect(containsClause("name", "50%")).toEqual({ text: "name LIKE '%50_%'", exact: false });
    // _ is a wildcard that also matches itself: found, but may over-match.
    expect(containsClause("name", "churn_xgb").exact).toBe(false);
  });

  it("backquotes tag keys and refuses keys MLflow would refuse", () => {
    expect(tagField("team")).toBe("tags.`team`");
    expect(tagField("mlflow.source.type")).toBe("tags.`mlflow.source.type`");
    expect(() => tagField("a`b")).toThrow(/not a valid MLflow tag key/);
  });

  it("joins clauses with AND, exact only when every clause is", () => {
    expect(joinClauses([])).toBeUndefined();
    expect(joinClauses([containsClause("name", "c"), equalsClause("tags.`team`", "x")])).toEqual({ text: "name LIKE '%c%' AND tags.`team` = 'x'", exact: true });
  });
});
