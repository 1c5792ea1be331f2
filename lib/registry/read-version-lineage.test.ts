import { describe, expect, it } from "vitest";
import { UpstreamNotConfiguredError } from "@/lib/errors/upstream-error";
import { contextWithRoles } from "@/lib/experiments/testing/viewer-context";
import { fakeUpstream, testServices } from "@/lib/services/testing/test-services";
import { AzureMlError } from "@/lib/sources/azure-ml/azure-ml-client";
import { FAKE_COMMIT, fakeMlflow } from "@/lib/sources/mlflow/testing/fake-mlflow";
import { readVersionLineage } from "./read-version-lineage";
import { RoundTrips } from "@/lib/services/testing/round-trips";
import { HINT_KEYS, MemoryReadHints } from "@/lib/sources/read-hints";
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

  describe("with read hints", () => {
    /** One cold read (fresh caches) of version 7 over `hints`, in round trips. */
    const coldRead = async (hints: MemoryReadHints) => {
      const trips = new RoundTrips();
      const waved = testServices({ mlflow: trips.wrap(fakeMlflow(), "mlflow"), azureMl: trips.wrap(fakeFleet(), "arm"), hints });
      return { ...(await trips.run(() => readVersionLineage(viewer, { name: "churn_xgb", version: "7" }, waved))), waves: trips.waves };
    };

    it("records what the first read learnt, and a later cold read waits for one round trip only", async () => {
      const hints = new MemoryReadHints();
      const first = await coldRead(hints);
      expect(first.depth).toBe(3);
      expect(hints.values.get(HINT_KEYS.versionRun("churn_xgb", "7"))).toEqual({ runId: "r7", lineage: { experimentId: "3", parentRunId: "sweep1" } });
      expect(hints.values.get(HINT_KEYS.champion("churn_xgb"))).toEqual({ version: "6", runId: "r6" });
      expect(hints.values.get(HINT_KEYS.endpointNames)).toEqual(["churn-endpoint"]);
      const warm = await coldRead(hints);
      expect(warm.depth).toBe(1);
      const ageless = (lineage: object) => JSON.parse(JSON.stringify(lineage, (key, value: unknown) => (key === "asOf" ? undefined : value))) as unknown;
      expect(ageless(warm.value)).toEqual(ageless(first.value));
      // Nothing changed: nothing is written again.
      expect(hints.writes).toHaveLength(3);
    });

    it("gives the right page after a second wave when a hint is wrong", async () => {
      const hints = new MemoryReadHints();
      hints.values.set(HINT_KEYS.versionRun("churn_xgb", "7"), { runId: "r5", lineage: { experimentId: "9", parentRunId: "other" } });
      hints.values.set(HINT_KEYS.champion("churn_xgb"), { version: "5", runId: "r5" });
      const wrong = await coldRead(hints);
      expect(wrong.depth).toBe(3);
      expect(wrong.value.run).toMatchObject({ runId: "r7", experimentId: "3" });
      expect(wrong.value.parentRun).toEqual({ runId: "sweep1", name: "run-sweep1", experimentId: "3" });
      expect(wrong.value.experiment).toEqual({ id: "3", name: "/Shared/churn/xgb-training" });
      expect(wrong.value.champion).toMatchObject({ state: "compared", version: "6", runId: "r6" });
      expect(hints.values.get(HINT_KEYS.versionRun("churn_xgb", "7"))).toEqual({ runId: "r7", lineage: { experimentId: "3", parentRunId: "sweep1" } });
    });

    it("ignores a hint of the wrong shape", async () => {
      const hints = new MemoryReadHints();
      hints.values.set(HINT_KEYS.versionRun("churn_xgb", "7"), { runId: 7 });
      const read = await coldRead(hints);
      expect(read.depth).toBe(3);
      expect(read.value.run).toMatchObject({ runId: "r7" });
    });
  });

  it("answers not found for an unknown or malformed version, and 403 without lineage:read", async () => {
    await expect(readVersionLineage(viewer, { name: "churn_xgb", version: "99" }, services())).rejects.toMatchObject({ kind: "refused", code: "not_found" });
    await expect(readVersionLineage(viewer, { name: "churn_xgb", version: "latest" }, services())).rejects.toMatchObject({ code: "not_found", message: expect.stringMatching(/number/) });
    await expect(readVersionLineage(contextWithRoles(["Stagegate.Admin"]), { name: "churn_xgb", version: "7" }, services())).rejects.toMatchObject({ status: 403 });
  });
});
