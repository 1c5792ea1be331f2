import { describe, expect, it } from "vitest";
import { contextWithRoles } from "@/lib/experiments/testing/viewer-context";
import { testServices } from "@/lib/services/testing/test-services";
import { MlflowError } from "@/lib/sources/mlflow/mlflow-client";
import { fakeMlflow } from "@/lib/sources/mlflow/testing/fake-mlflow";
import { readRun } from "@/lib/experiments/read-run";
import { RoundTrips } from "@/lib/services/testing/round-trips";
import { HINT_KEYS, MemoryReadHints } from "@/lib/sources/read-hints";
import { readModel } from "./read-model";

const viewer = contextWithRoles(["Stagegate.Viewer"]);

describe("readModel", () => {
  it("lists every version newest first with aliases, run links and the metrics their runs logged", async () => {
    const mlflow = fakeMlflow();
    const services = testServices({ mlflow });
    const model = await readModel(viewer, { name: "churn_xgb" }, services);
    expect(model.versions.map((row) => row.version)).toEqual(["7", "6", "5"]);
    expect(model.versions[1]).toMatchObject({ aliases: ["champion"], runId: "r6", runName: "run-r6", experimentId: "3", runState: "ok", metrics: { auc: 0.861, val_auc: 0.8 } });
    expect(model.versions[1]!.metrics.shap_drift).toBeUndefined();
    expect(model).toMatchObject({ owner: "ana@contoso.com", aliases: [{ alias: "champion", version: "6" }], tags: [{ key: "team", value: "retention" }] });
    // One model read, one versions search, one run read per version; all cached afterwards.
    expect([...mlflow.calls].sort()).toEqual(["getRegisteredModel", "getRun", "getRun", "getRun", "searchModelVersions"]);
    await readModel(viewer, { name: "churn_xgb" }, services);
    expect(mlflow.calls).toHaveLength(5);
  });

  it("shares each cached run with the experiments pages: one MLflow read per run", async () => {
    const mlflow = fakeMlflow();
    const services = testServices({ mlflow });
    await readRun(viewer, { experimentId: "3", runId: "r6" }, services);
    const runReads = () => mlflow.calls.filter((call) => call === "getRun").length;
    expect(runReads()).toBe(1);
    await readModel(viewer, { name: "churn_xgb" }, services);
    expect(runReads()).toBe(3);
  });

  it("shows a deleted run as such instead of failing the page", async () => {
    const services = testServices({ mlflow: fakeMlflow({ getRun: async (runId) => Promise.reject(new MlflowError(`Run ${runId} not found`, 404, "RESOURCE_DOES_NOT_EXIST", false)) }) });
    const model = await readModel(viewer, { name: "churn_xgb" }, services);
    expect(model.versions.every((row) => row.runState === "missing" && row.metrics.auc === undefined)).toBe(true);
  });

  it("reads the runs an earlier read found beside the versions search: one round trip instead of two", async () => {
    const coldRead = async (hints: MemoryReadHints) => {
      const trips = new RoundTrips();
      const services = testServices({ mlflow: trips.wrap(fakeMlflow(), "mlflow"), hints });
      return { ...(await trips.run(() => readModel(viewer, { name: "churn_xgb" }, services))), waves: trips.waves };
    };
    const hints = new MemoryReadHints();
    const first = await coldRead(hints);
    expect(first.depth).toBe(2);
    expect(hints.values.get(HINT_KEYS.modelRuns("churn_xgb"))).toEqual(["r7", "r6", "r5"]);
    const warm = await coldRead(hints);
    expect(warm.depth).toBe(1);
    expect(warm.value.versions.map((row) => [row.version, row.runState, row.metrics.auc])).toEqual(first.value.versions.map((row) => [row.version, row.runState, row.metrics.auc]));
    // A hint that misses a new version's run and names a run no version has: that run is read after
    // the search, the stray one is dropped.
    hints.values.set(HINT_KEYS.modelRuns("churn_xgb"), ["r6", "r5", "stray"]);
    const stale = await coldRead(hints);
    expect(stale.depth).toBe(2);
    expect(stale.waves[1]).toEqual(["mlflow.getRun"]);
    expect(stale.value.versions.map((row) => [row.version, row.runState, row.metrics.auc])).toEqual(first.value.versions.map((row) => [row.version, row.runState, row.metrics.auc]));
  });

  it("answers not found for an unknown model, and 403 for FinOps", async () => {
    await expect(readModel(viewer, { name: "nope" }, testServices({ mlflow: fakeMlflow() }))).rejects.toMatchObject({ kind: "refused", code: "not_found" });
    await expect(readModel(contextWithRoles(["Stagegate.FinOps"]), { name: "churn_xgb" }, testServices({ mlflow: fakeMlflow() }))).rejects.toMatchObject({ status: 403 });
  });
});
