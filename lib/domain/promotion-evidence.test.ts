import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";
import { buildEvidence, sha256Hex } from "./promotion-evidence";
import { DEFAULT_POLICY, evaluatePolicy } from "./promotion-policy";

const inputs = {
  model: "churn_xgb",
  candidate: { version: "8", runId: "run8", metrics: { auc: 0.88, fairness_dp_diff: 0.137, robustness_score: 0.96, shap_drift: 0.05 }, datasets: [{ name: "churn_features", digest: "abc", source: "/delta/churn", deltaVersion: "42" }] },
  champion: { version: "6", runId: "run6", metrics: { auc: 0.861, fairness_dp_diff: 0.05, robustness_score: 0.97, shap_drift: 0.05 }, datasets: [] },
  readAt: "2026-11-24T00:00:00.000Z",
};

describe("buildEvidence", () => {
  it("snapshots policy, inputs, results, run ids, dataset versions and the override, hashed over canonical JSON", () => {
    const evaluation = evaluatePolicy(DEFAULT_POLICY, inputs.candidate.metrics, inputs.champion.metrics);
    const built = buildEvidence({
      requestId: "r1",
      outcome: "approve",
      decidedBy: { id: "u2", name: "Tomás Ortega" },
      decidedAt: "2026-11-24T01:00:00.000Z",
      policy: { version: 1, content: DEFAULT_POLICY },
      inputs,
      evaluation,
      overrideReason: "Fairness gap is a known labelling artefact; tracked in ML-142.",
    });
    expect(built.sha256).toBe(sha256Hex(canonicalJson(built.evidence)));
    expect(built.canonical).toBe(canonicalJson(built.evidence));
    expect(built.evidence).toMatchObject({
      policyVersion: 1,
      runIds: ["run8", "run6"],
      datasetVersions: [{ name: "churn_features", digest: "abc", deltaVersion: "42" }],
      passed: false,
      override: { reason: "Fairness gap is a known labelling artefact; tracked in ML-142.", rulesOverridden: ["fairness_dp_diff"] },
    });
  });

  it("gives the same hash for the same facts whatever the key order", () => {
    const evaluation = evaluatePolicy(DEFAULT_POLICY, inputs.candidate.metrics, inputs.champion.metrics);
    const base = { requestId: "r1", outcome: "reject" as const, decidedBy: { id: "u2", name: "T" }, decidedAt: "2026-11-24T01:00:00.000Z", policy: { version: 1, content: DEFAULT_POLICY }, evaluation, overrideReason: null };
    const reordered = { ...inputs, candidate: { datasets: inputs.candidate.datasets, metrics: inputs.candidate.metrics, runId: "run8", version: "8" } };
    expect(buildEvidence({ ...base, inputs }).sha256).toBe(buildEvidence({ ...base, inputs: reordered }).sha256);
  });
});
