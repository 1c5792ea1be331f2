import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors/not-found-error";
import { AzureMlError } from "@/lib/sources/azure-ml/azure-ml-client";
import { readVersionLineage } from "./read-version-lineage";
import { contextWith, fakeRegistrySources } from "./testing/fake-registry";

const viewer = contextWith(["Stagegate.Viewer"]);

describe("readVersionLineage", () => {
  it("links datasets, run, sweep, experiment, aliases and the deployments serving the version", async () => {
    const lineage = await readVersionLineage(viewer, { name: "churn_xgb", version: "7" }, fakeRegistrySources());
    expect(lineage.run).toMatchObject({ runId: "r7", experimentId: "3", gitCommit: expect.stringMatching(/^9f3c/) });
    expect(lineage.run?.datasets[0]).toMatchObject({ name: "churn_features", location: "gold.churn_features", deltaVersion: "412", context: "training" });
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
    const lineage = await readVersionLineage(viewer, { name: "churn_xgb", version: "7" }, fakeRegistrySources());
    expect(lineage.champion).toMatchObject({ state: "compared", version: "6", runId: "r6" });
    if (lineage.champion.state !== "compared") throw new Error("not compared");
    expect(lineage.champion.comparison.metrics).toContainEqual({ key: "auc", version: 0.874, champion: 0.861, delta: 0.013 });
    expect(lineage.champion.comparison.params).toEqual([{ key: "max_depth", version: "8", champion: "6" }]);
    const champion = await readVersionLineage(viewer, { name: "churn_xgb", version: "6" }, fakeRegistrySources());
    expect(champion.champion).toEqual({ state: "this-is-champion" });
    expect(champion.aliases).toEqual(["champion"]);
  });

  it("degrades the deployments part alone when ARM fails or is not configured", async () => {
    const failing = fakeRegistrySources({ azureMl: { listEndpointsWithDeployments: async () => Promise.reject(new AzureMlError("ARM down", 503, "ServiceUnavailable", true)) } });
    const lineage = await readVersionLineage(viewer, { name: "churn_xgb", version: "7" }, failing);
    expect(lineage.deployments).toEqual({ state: "unavailable", message: "ARM down" });
    expect(lineage.run).not.toBeNull();
    const { AzureMlNotConfiguredError } = await import("@/lib/sources/azure-ml");
    const unconfigured = fakeRegistrySources({
      azureMl: () => {
        throw new AzureMlNotConfiguredError(["AZURE_ML_WORKSPACE"]);
      },
    });
    expect((await readVersionLineage(viewer, { name: "churn_xgb", version: "7" }, unconfigured)).deployments).toMatchObject({ state: "not-configured", message: expect.stringContaining("AZURE_ML_WORKSPACE") });
  });

  it("answers NotFoundError for an unknown version, refuses a bad version, and 403 without lineage:read", async () => {
    await expect(readVersionLineage(viewer, { name: "churn_xgb", version: "99" }, fakeRegistrySources())).rejects.toBeInstanceOf(NotFoundError);
    await expect(readVersionLineage(viewer, { name: "churn_xgb", version: "latest" }, fakeRegistrySources())).rejects.toThrow(/number/);
    await expect(readVersionLineage(contextWith(["Stagegate.Admin"]), { name: "churn_xgb", version: "7" }, fakeRegistrySources())).rejects.toMatchObject({ status: 403 });
  });
});
