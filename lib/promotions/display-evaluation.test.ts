import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "@/lib/domain/promotion-policy";
import type { StoredPolicy } from "@/lib/policy/policy-store";
import { testServices } from "@/lib/services/testing/test-services";
import { forgetModelReads } from "@/lib/sources/mlflow/cache-keys";
import { evaluateForDisplay } from "./display-evaluation";
import { readPromotionInputs } from "./mlflow-promotion-inputs";
import { FakeMlflowRegistry } from "./testing/promotion-fixtures";

const POLICY: StoredPolicy = { name: "default", version: 3, content: DEFAULT_POLICY, createdById: "admin", createdByName: "Admin", changeNote: "defaults", createdAt: new Date(0) };
const NOW = new Date("2026-11-24T09:00:00.000Z");

function setup() {
  const registry = new FakeMlflowRegistry();
  return { registry, services: testServices({ mlflow: registry.client(), now: () => NOW }) };
}

describe("promotion inputs from MLflow", () => {
  it("reads the candidate's and the champion's run metrics and datasets", async () => {
    const { services } = setup();
    expect(await readPromotionInputs(services, "churn_xgb", "7")).toEqual({
      model: "churn_xgb",
      candidate: { version: "7", runId: "run-7", metrics: { auc: 0.874, fairness_dp_diff: 0.06, robustness_score: 0.96, shap_drift: 0.08 }, datasets: [{ name: "churn_features", digest: "d7", source: "/delta/churn", deltaVersion: "12" }] },
      champion: { version: "6", runId: "run-6", metrics: { auc: 0.861, fairness_dp_diff: 0.05, robustness_score: 0.97, shap_drift: 0.05 }, datasets: [] },
      readAt: NOW.toISOString(),
    });
  });
});

describe("the policy's results as pages show them", () => {
  it("judges MLflow's numbers and reads them through the cache until the model's reads are forgotten", async () => {
    const { registry, services } = setup();
    const first = await evaluateForDisplay(services, POLICY, { model: "churn_xgb", version: "8" });
    expect(first).toMatchObject({ ok: true, policyVersion: 3, note: null, evaluation: { passed: false, failing: [{ rule: { metric: "fairness_dp_diff" } }] } });
    const calls = registry.calls;
    await evaluateForDisplay(services, POLICY, { model: "churn_xgb", version: "8" });
    expect(registry.calls).toBe(calls);
    // An alias move forgets what was read about the model: the next page reads MLflow again.
    forgetModelReads(services.mlflow.cache, "churn_xgb");
    await evaluateForDisplay(services, POLICY, { model: "churn_xgb", version: "8" });
    expect(registry.calls).toBeGreaterThan(calls);
  });

  it("falls back to the request's snapshot when MLflow fails and nothing was read, saying so", async () => {
    const { registry, services } = setup();
    const snapshot = await readPromotionInputs(services, "churn_xgb", "7");
    registry.failing = true;
    const shown = await evaluateForDisplay(services, POLICY, { model: "churn_xgb", version: "7", snapshot });
    expect(shown).toMatchObject({ ok: true, inputs: snapshot, evaluation: { passed: true } });
    expect(shown.ok && shown.note).toMatch(/MLflow is not answering \(.*503.*\); showing the numbers recorded with the request/);
  });

  it("names the upstream problem when there is no snapshot, and never throws for it", async () => {
    const { registry, services } = setup();
    registry.failing = true;
    expect(await evaluateForDisplay(services, POLICY, { model: "churn_xgb", version: "7" })).toMatchObject({ ok: false, problem: { upstream: "MLflow", notConfigured: false } });
    const unconfigured = testServices({ now: () => NOW });
    expect(await evaluateForDisplay(unconfigured, POLICY, { model: "churn_xgb", version: "7" })).toMatchObject({ ok: false, problem: { upstream: "MLflow", notConfigured: true } });
  });
});
