import { describe, expect, it } from "vitest";
import { contextWithRoles } from "@/lib/experiments/testing/viewer-context";
import { testServices } from "@/lib/services/testing/test-services";
import { MlflowError } from "@/lib/sources/mlflow/mlflow-client";
import { fakeMlflow } from "@/lib/sources/mlflow/testing/fake-mlflow";
import { readRun } from "@/lib/experiments/read-run";
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

  it("answers not found for an unknown model, and 403 for FinOps", async () => {
    await expect(readModel(viewer, { name: "nope" }, testServices({ mlflow: fakeMlflow() }))).rejects.toMatchObject({ kind: "refused", code: "not_found" });
    await expect(readModel(contextWithRoles(["Stagegate.FinOps"]), { name: "churn_xgb" }, testServices({ mlflow: fakeMlflow() }))).rejects.toMatchObject({ status: 403 });
  });
});
