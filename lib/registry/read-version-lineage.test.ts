import { describe, expect, it } from "vitest";
import { UpstreamNotConfiguredError } from "@/lib/errors/upstream-error";
import { contextWithRoles } from "@/lib/experiments/testing/viewer-context";
import { fakeUpstream, testServices } from "@/lib/services/testing/test-services";
import { AzureMlError } from "@/lib/sources/azure-ml/azure-ml-client";
import { FAKE_COMMIT, fakeMlflow } from "@/lib/sources/mlflow/testing/fake-mlflow";
import { readVersionLineage } from "./read-version-lineage";
import { RoundTrips } from "@/lib/services/testing/round-trips";
import { fakeFleet } from "./testing/fake-fleet";

const viewer = contextWithRoles(["Stagegate.Viewer"]);
const services = () => testServices({ mlflow: fakeMlflow(), azureMl: fakeFleet() });

describe("readVersionLineage", () => {
  it("links datasets, run, sweep, experiment, aliases and the deployments serving the version", async () => {
    const lineage = await readVersionLineage(viewer, { name: "churn_xgb", version: "7" }, services());
    expect(lineage.run).toMatchObject({ runId: "r7", experimentId: "3", gitCommit: FAKE_COMMIT });
    expect(lineage.run?.datasets[0]).toMatchObject({ name: "churn_features", location: "abfss://lake/gold/churn_features", deltaVersion: "360", context: "training" });
    expect(lineage.parentRun).toEqual({ runId: "sweep1", name: "run-sweep1", experimentId: "3" });
    expect(lineage.experiment).toEqual({ id: "3", name: "/Shared/churn/xgb-training" });
    expect(lineage.aliases).toEqual([]);
    expect(lineage.deployments).toMatchObject({
      state: "ok",
      serving: [{ endpoint: "churn-endpoint", deployment: "green", servedVersion: "7", livePercent: 0, mirrorPercent: 10 }],
      otherVersions: [{ deployment: "blue", servedVersion: "6", livePercent: 100 }],
    });
  });

  it("compares with the champion: metric deltas and differing params only", async () => {
    const lineage = await readVersionLineage(viewer, { name: "churn_xgb", version: "7" }, services());
    expect(lineage.champion).toMatchObject({ state: "compared", version: "6", runId: "r6" });
    if (lineage.champion.state !== "compared") throw new Error("not compared");
    expect(lineage.champion.comparison.metrics).toContainEqual({ key: "auc", version: 0.874, champion: 0.861, delta: 0.013 });
    expect(lineage.champion.comparison.params).toEqual([{ key: "max_depth", version: "8", champion: "6" }]);
    const champion = await readVersionLineage(viewer, { name: "churn_xgb", version: "6" }, services());
    expect(champion.champion).toEqual({ state: "this-is-champion" });
    expect(champion.aliases).toEqual(["champion"]);
  });

  it("degrades the deployments part alone when ARM fails or is not configured", async () => {
    const failing = testServices({ mlflow: fakeMlflow(), azureMl: fakeFleet({ listOnlineDeployments: async () => Promise.reject(new AzureMlError("ARM down", 503, "ServiceUnavailable", true)) }) });
    const lineage = await readVersionLineage(viewer, { name: "churn_xgb", version: "7" }, failing);
    expect(lineage.deployments).toEqual({ state: "unavailable", message: "ARM down" });
    expect(lineage.run).not.toBeNull();
    const unconfigured = {
      ...testServices({ mlflow: fakeMlflow() }),
      azureMl: fakeUpstream<never>(() => {
        throw new UpstreamNotConfiguredError("Azure Resource Manager", "The Azure ML workspace is not configured: set AZURE_ML_WORKSPACE.", ["AZURE_ML_WORKSPACE"]);
      }),
    };
    const withoutArm = await readVersionLineage(viewer, { name: "churn_xgb", version: "7" }, unconfigured);
    expect(withoutArm.deployments).toMatchObject({ state: "not-configured", message: expect.stringContaining("AZURE_ML_WORKSPACE") });
  });

  it("waits for three MLflow round trips (version, its run, the run's experiment and parent), ARM's two beside them", async () => {
    const trips = new RoundTrips();
    const waved = testServices({ mlflow: trips.wrap(fakeMlflow(), "mlflow"), azureMl: trips.wrap(fakeFleet(), "arm") });
    const { value, depth } = await trips.run(() => readVersionLineage(viewer, { name: "churn_xgb", version: "7" }, waved));
    expect(value.champion).toMatchObject({ state: "compared" });
    expect(depth).toBe(3);
    expect(trips.waves[0]).toEqual(expect.arrayContaining(["mlflow.getModelVersion", "mlflow.getRegisteredModel", "arm.listOnlineEndpoints"]));
  });

  it("answers not found for an unknown or malformed version, and 403 without lineage:read", async () => {
    await expect(readVersionLineage(viewer, { name: "churn_xgb", version: "99" }, services())).rejects.toMatchObject({ kind: "refused", code: "not_found" });
    await expect(readVersionLineage(viewer, { name: "churn_xgb", version: "latest" }, services())).rejects.toMatchObject({ code: "not_found", message: expect.stringMatching(/number/) });
    await expect(readVersionLineage(contextWithRoles(["Stagegate.Admin"]), { name: "churn_xgb", version: "7" }, services())).rejects.toMatchObject({ status: 403 });
  });
});
