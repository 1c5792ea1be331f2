import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, describeRule, evaluatePolicy, policyContentSchema } from "./promotion-policy";

const champion = { auc: 0.861, fairness_dp_diff: 0.05, robustness_score: 0.97, shap_drift: 0.05 };

describe("evaluatePolicy", () => {
  it("passes a candidate that beats the champion and meets every absolute rule, with the numbers used", () => {
    const evaluation = evaluatePolicy(DEFAULT_POLICY, { auc: 0.874, fairness_dp_diff: 0.06, robustness_score: 0.96, shap_drift: 0.08 }, champion);
    expect(evaluation.passed).toBe(true);
    expect(evaluation.results.map((result) => result.status)).toEqual(["pass", "pass", "pass", "pass"]);
    expect(evaluation.results[0]).toMatchObject({ candidate: 0.874, incumbent: 0.861, bound: 0.871 });
    expect(evaluation.results[0]!.explanation).toBe("auc 0.874 meets >= 0.871 (champion 0.861 + 0.01).");
  });

  it("fails a rule the candidate misses and names it", () => {
    const evaluation = evaluatePolicy(DEFAULT_POLICY, { auc: 0.88, fairness_dp_diff: 0.137, robustness_score: 0.96, shap_drift: 0.08 }, champion);
    expect(evaluation.passed).toBe(false);
    expect(evaluation.failing.map((result) => [result.rule.metric, result.status])).toEqual([["fairness_dp_diff", "fail"]]);
    expect(evaluation.failing[0]!.explanation).toBe("fairness_dp_diff 0.137 does not meet <= 0.1.");
  });

  it("reports a missing metric, on the candidate or the champion, as missing rather than pass or fail", () => {
    const noShap = evaluatePolicy(DEFAULT_POLICY, { auc: 0.88, fairness_dp_diff: 0.05, robustness_score: 0.96 }, champion);
    expect(noShap.failing.map((result) => [result.rule.metric, result.status])).toEqual([["shap_drift", "missing"]]);
    const noChampionAuc = evaluatePolicy(DEFAULT_POLICY, { auc: 0.88, fairness_dp_diff: 0.05, robustness_score: 0.96, shap_drift: 0.01 }, { fairness_dp_diff: 0.1 });
    expect(noChampionAuc.results[0]).toMatchObject({ status: "missing", explanation: "The champion has no auc metric." });
    const noChampion = evaluatePolicy(DEFAULT_POLICY, { auc: 0.88, fairness_dp_diff: 0.05, robustness_score: 0.96, shap_drift: 0.01 }, null);
    expect(noChampion.results[0]).toMatchObject({ status: "missing", explanation: "There is no champion to compare auc with." });
  });

  it("treats NaN metrics as missing and honours strict comparisons at the bound", () => {
    const atBound = evaluatePolicy({ rules: [{ metric: "shap_drift", comparison: "<", threshold: 0.15, relativeTo: "absolute" }] }, { shap_drift: 0.15 }, null);
    expect(atBound.results[0]!.status).toBe("fail");
    const nan = evaluatePolicy({ rules: [{ metric: "auc", comparison: ">=", threshold: 0.5, relativeTo: "absolute" }] }, { auc: Number.NaN }, null);
    expect(nan.results[0]!.status).toBe("missing");
  });

  it("describes rules for people", () => {
    expect(DEFAULT_POLICY.rules.map(describeRule)).toEqual(["auc >= champion + 0.01", "fairness_dp_diff <= 0.1", "robustness_score >= 0.95", "shap_drift < 0.15"]);
  });
});

describe("policyContentSchema", () => {
  it("accepts the defaults and refuses empty, duplicate or malformed rules with a path", () => {
    expect(policyContentSchema.safeParse(DEFAULT_POLICY).success).toBe(true);
    const empty = policyContentSchema.safeParse({ ...DEFAULT_POLICY, rules: [] });
    expect(empty.error?.issues[0]?.message).toBe("a policy needs at least one rule");
    const duplicate = policyContentSchema.safeParse({ ...DEFAULT_POLICY, rules: [DEFAULT_POLICY.rules[0], DEFAULT_POLICY.rules[0]] });
    expect(duplicate.error?.issues[0]?.path).toEqual(["rules", 1, "metric"]);
    const badName = policyContentSchema.safeParse({ ...DEFAULT_POLICY, rules: [{ ...DEFAULT_POLICY.rules[0], metric: "<script>" }] });
    expect(badName.success).toBe(false);
    expect(policyContentSchema.safeParse({ ...DEFAULT_POLICY, quorum: 0 }).success).toBe(false);
  });
});
