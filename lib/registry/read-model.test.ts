import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors/not-found-error";
import { MlflowError } from "@/lib/sources/mlflow/mlflow-client";
import { readModel } from "./read-model";
import { contextWith, fakeRegistrySources } from "./testing/fake-registry";

const viewer = contextWith(["Stagegate.Viewer"]);
const metricNames = ["auc", "shap_drift"];

describe("readModel", () => {
  it("lists every version newest first with aliases, run links and the requested metrics", async () => {
    const sources = fakeRegistrySources();
    const model = await readModel(viewer, { name: "churn_xgb", metricNames }, sources);
    expect(model.versions.map((row) => row.version)).toEqual(["7", "6", "5"]);
    expect(model.versions[1]).toMatchObject({ aliases: ["champion"], runId: "r6", runName: "run-r6", experimentId: "3", runState: "ok", metrics: { auc: 0.861, shap_drift: null } });
    expect(model).toMatchObject({ owner: "ana@contoso.com", aliases: [{ alias: "champion", version: "6" }], tags: [{ key: "team", value: "retention" }] });
    // One model read, one versions search, one run read per version; all cached afterwards.
    expect(sources.calls.sort()).toEqual(["getRegisteredModel", "getRun", "getRun", "getRun", "searchModelVersions"]);
    await readModel(viewer, { name: "churn_xgb", metricNames }, sources);
    expect(sources.calls).toHaveLength(5);
  });

  it("shows a deleted run as such instead of failing the page", async () => {
    const sources = fakeRegistrySources({
      mlflow: { getRun: async (runId) => Promise.reject(new MlflowError(`Run ${runId} not found`, 404, "RESOURCE_DOES_NOT_EXIST", false)) },
    });
    const model = await readModel(viewer, { name: "churn_xgb", metricNames }, sources);
    expect(model.versions.every((row) => row.runState === "missing" && row.metrics.auc === null)).toBe(true);
  });

  it("answers NotFoundError for an unknown model, and 403 for FinOps", async () => {
    await expect(readModel(viewer, { name: "nope", metricNames }, fakeRegistrySources())).rejects.toBeInstanceOf(NotFoundError);
    await expect(readModel(contextWith(["Stagegate.FinOps"]), { name: "churn_xgb", metricNames }, fakeRegistrySources())).rejects.toMatchObject({ status: 403 });
  });
});
