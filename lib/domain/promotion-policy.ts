// The promotion policy (DESIGN.md "Decisions and their life cycle", step 2): rules over a
// candidate's metrics, absolute or relative to the incumbent champion. Pure, so the version page,
// the approval verb and the gate API give the same answer from the same numbers.
import { z } from "zod";
import { COMPARISONS, type Comparison } from "./policy-comparisons";

const METRIC_NAME = /^[\w./ :-]{1,250}$/;

export const policyRuleSchema = z.object({
  metric: z.string().trim().regex(METRIC_NAME, "must be an MLflow metric name (letters, digits, _ - . / : and spaces)"),
  comparison: z.enum(COMPARISONS),
  threshold: z.number().finite(),
  /** "incumbent": the bound is the champion's value plus the threshold; "absolute": the threshold itself. */
  relativeTo: z.enum(["absolute", "incumbent"]),
});
export type PolicyRule = z.infer<typeof policyRuleSchema>;

export const policyContentSchema = z
  .object({
    rules: z.array(policyRuleSchema).min(1, "a policy needs at least one rule").max(50),
    /** Approvals by distinct MLLeads needed before a request is approved. */
    quorum: z.number().int().min(1).max(10),
    /** Days a pending request stays open before it expires. */
    requestTtlDays: z.number().int().min(1).max(90),
  })
  .superRefine((policy, issues) => {
    const seen = new Set<string>();
    policy.rules.forEach((rule, index) => {
      const key = `${rule.metric}|${rule.comparison}|${rule.relativeTo}`;
      if (seen.has(key)) issues.addIssue({ code: "custom", path: ["rules", index, "metric"], message: `repeats the rule "${rule.metric} ${rule.comparison}" above` });
      seen.add(key);
    });
  });
export type PolicyContent = z.infer<typeof policyContentSchema>;

/** The platform blueprint's defaults: better AUC than the champion, fair, robust, explainable. */
export const DEFAULT_POLICY: PolicyContent = {
  rules: [
    { metric: "auc", comparison: ">=", threshold: 0.01, relativeTo: "incumbent" },
    { metric: "fairness_dp_diff", comparison: "<=", threshold: 0.1, relativeTo: "absolute" },
    { metric: "robustness_score", comparison: ">=", threshold: 0.95, relativeTo: "absolute" },
    { metric: "shap_drift", comparison: "<", threshold: 0.15, relativeTo: "absolute" },
  ],
  quorum: 1,
  requestTtlDays: 7,
};

export type RuleStatus = "pass" | "fail" | "missing";

export interface RuleResult {
  rule: PolicyRule;
  status: RuleStatus;
  candidate: number | null;
  incumbent: number | null;
  /** The number the candidate was compared with (null when it could not be computed). */
  bound: number | null;
  /** One sentence with the numbers used. */
  explanation: string;
}

export interface PolicyEvaluation {
  results: RuleResult[];
  /** Every rule passes. */
  passed: boolean;
  failing: RuleResult[];
}

type Metrics = Readonly<Record<string, number>>;

function compare(value: number, comparison: Comparison, bound: number): boolean {
  switch (comparison) {
    case ">=":
      return value >= bound;
    case ">":
      return value > bound;
    case "<=":
      return value <= bound;
    case "<":
      return value < bound;
  }
}

/** Numbers shown to people: up to 4 decimals, no float noise (0.861 + 0.01 → 0.871). */
export function formatMetric(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toFixed(4))) : String(value);
}

export function describeRule(rule: PolicyRule): string {
  if (rule.relativeTo === "absolute") return `${rule.metric} ${rule.comparison} ${formatMetric(rule.threshold)}`;
  const sign = rule.threshold < 0 ? "−" : "+";
  return `${rule.metric} ${rule.comparison} champion ${sign} ${formatMetric(Math.abs(rule.threshold))}`;
}

function evaluateRule(rule: PolicyRule, candidateMetrics: Metrics, incumbentMetrics: Metrics | null): RuleResult {
  const candidate = finiteOrNull(candidateMetrics[rule.metric]);
  const incumbent = incumbentMetrics ? finiteOrNull(incumbentMetrics[rule.metric]) : null;
  const base = { rule, candidate, incumbent };
  if (candidate === null) {
    return { ...base, status: "missing", bound: null, explanation: `The candidate has no ${rule.metric} metric.` };
  }
  let bound = rule.threshold;
  if (rule.relativeTo === "incumbent") {
    if (incumbentMetrics === null) {
      return { ...base, status: "missing", bound: null, explanation: `There is no champion to compare ${rule.metric} with.` };
    }
    if (incumbent === null) {
      return { ...base, status: "missing", bound: null, explanation: `The champion has no ${rule.metric} metric.` };
    }
    bound = incumbent + rule.threshold;
  }
  const passes = compare(candidate, rule.comparison, bound);
  const boundText =
    rule.relativeTo === "incumbent" ? `${formatMetric(bound)} (champion ${formatMetric(incumbent!)} ${rule.threshold < 0 ? "−" : "+"} ${formatMetric(Math.abs(rule.threshold))})` : formatMetric(bound);
  return {
    ...base,
    status: passes ? "pass" : "fail",
    bound: Number(bound.toFixed(12)),
    explanation: `${rule.metric} ${formatMetric(candidate)} ${passes ? "meets" : "does not meet"} ${rule.comparison} ${boundText}.`,
  };
}

function finiteOrNull(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}

/** Evaluates every rule; incumbentMetrics is null when the model has no champion. */
export function evaluatePolicy(policy: Pick<PolicyContent, "rules">, candidateMetrics: Metrics, incumbentMetrics: Metrics | null): PolicyEvaluation {
  const results = policy.rules.map((rule) => evaluateRule(rule, candidateMetrics, incumbentMetrics));
  const failing = results.filter((result) => result.status !== "pass");
  return { results, passed: failing.length === 0, failing };
}
