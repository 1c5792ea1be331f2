import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "@/lib/domain/promotion-policy";
import type { StoredPolicy } from "@/lib/policy/policy-store";
import { testServices } from "@/lib/services/testing/test-services";
import { forgetModelReads } from "@/lib/sources/mlflow/cache-keys";
import { evaluateForDisplay } from "./display-evaluation";
import { RoundTrips } from "@/lib/services/testing/round-trips";
import { readCachedPromotionInputs, readPromotionInputs } from "./mlflow-promotion-inputs";
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
  it("reads the same numbers through the cache in two round trips: the model beside its versions, then both runs", async () => {
    const { registry } = setup();
    const trips = new RoundTrips();
    const services = testServices({ mlflow: trips.wrap(registry.client(), "mlflow"), now: () => NOW });
    const { value, depth } = await trips.run(() => readCachedPromotionInputs(services, "churn_xgb", "7"));
    const fresh = await readPromotionInputs(testServices({ mlflow: registry.client(), now: () => NOW }), "churn_xgb", "7");
    expect(value).toEqual({ ...fresh, readAt: expect.any(String) });
    expect(depth).toBe(2);
    expect(trips.waves.map((wave) => wave.toSorted())).toEqual([["mlflow.getRegisteredModel", "mlflow.searchModelVersions"], ["mlflow.getRun", "mlflow.getRun"]]);
  });

  it("reads the runs a request recorded beside the model's aliases: one round trip, two when the champion moved", async () => {
    const { registry } = setup();
    const snapshot = await readPromotionInputs(testServices({ mlflow: registry.client(), now: () => NOW }), "churn_xgb", "7");
    const trips = new RoundTrips();
    const services = testServices({ mlflow: trips.wrap(registry.client(), "mlflow"), now: () => NOW });
    const { value, depth } = await trips.run(() => readCachedPromotionInputs(services, "churn_xgb", "7", snapshot));
    expect(value).toEqual({ ...snapshot, readAt: expect.any(String) });
    expect(depth).toBe(1);

    // The champion moved to v8 since the request: its run is looked up, its numbers shown.
    registry.aliases.set("churn_xgb@champion", "8");
    const later = new RoundTrips();
    const moved = await later.run(() => readCachedPromotionInputs(testServices({ mlflow: later.wrap(registry.client(), "mlflow"), now: () => NOW }), "churn_xgb", "7", snapshot));
    expect(moved.value.champion).toMatchObject({ version: "8", runId: "run-8", metrics: { fairness_dp_diff: 0.137 } });
    expect(moved.value.candidate).toEqual(snapshot.candidate);
    expect(moved.depth).toBe(3);
  });

  it("reads a version newer than the cached versions list on its own", async () => {
    const { registry, services } = setup();
    await readCachedPromotionInputs(services, "churn_xgb", "7");
    // The cached list predates version 9 (registered since): it is read by itself.
    const client = registry.client();
    const withNine = { ...client, getModelVersion: async (name: string, version: string) => (version === "9" ? { ...(await client.getModelVersion(name, "8")), version: "9" } : client.getModelVersion(name, version)) };
    const later = testServices({ mlflow: withNine, now: () => NOW });
    later.mlflow.cache = services.mlflow.cache;
    expect((await readCachedPromotionInputs(later, "churn_xgb", "9")).candidate).toMatchObject({ version: "9", runId: "run-8" });
    await expect(readCachedPromotionInputs(later, "churn_xgb", "10")).rejects.toMatchObject({ status: 404 });
  });

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
