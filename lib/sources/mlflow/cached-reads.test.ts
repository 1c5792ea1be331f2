import { describe, expect, it } from "vitest";
import { fakeUpstream } from "@/lib/services/testing/test-services";
import { mlflowCacheKeys, forgetModelReads } from "./cache-keys";
import { cachedModelVersions, cachedRun, cachedRunSearch, isMissing, isRejectedRequest } from "./cached-reads";
import { MlflowError } from "./mlflow-client";
import { fakeMlflow } from "./testing/fake-mlflow";

describe("MLflow's cached reads", () => {
  it("reads an entity once under its one key, whoever asks", async () => {
    const client = fakeMlflow();
    const mlflow = fakeUpstream(client);
    const [first, second] = await Promise.all([cachedRun(mlflow, "r6"), cachedRun(mlflow, "r6")]);
    expect(second.value).toBe(first.value);
    expect(client.calls).toEqual(["getRun"]);
    await cachedRunSearch(mlflow, ["1"], { filter: undefined, maxResults: 50 });
    await cachedRunSearch(mlflow, ["1"], { maxResults: 50, filter: "" });
    expect(client.calls).toEqual(["getRun", "searchRuns"]);
  });

  it("follows version pages, keeps only the model's own versions, newest first", async () => {
    const other = { name: "churn_xgb_v2", version: "9", aliases: [], tags: [], status: "READY" };
    const client = fakeMlflow({
      searchModelVersions: async (page) =>
        page.pageToken
          ? { model_versions: [{ name: "churn_xgb", version: "10", aliases: [], tags: [], status: "READY" }], next_page_token: undefined }
          : { model_versions: [{ name: "churn_xgb", version: "2", aliases: [], tags: [], status: "READY" }, other], next_page_token: "p2" },
    });
    const read = await cachedModelVersions(fakeUpstream(client), "churn_xgb");
    expect(read.value.map((version) => version.version)).toEqual(["10", "2"]);
  });

  it("forgets a model's reads after an alias moves, and no other model's", async () => {
    const mlflow = fakeUpstream(fakeMlflow());
    await mlflow.cache.read(mlflowCacheKeys.versions("churn"), async () => "churn");
    await mlflow.cache.read(mlflowCacheKeys.versions("churn_xgb"), async () => "churn_xgb");
    forgetModelReads(mlflow.cache, "churn");
    expect((await mlflow.cache.read(mlflowCacheKeys.versions("churn"), async () => "again")).value).toBe("again");
    expect((await mlflow.cache.read(mlflowCacheKeys.versions("churn_xgb"), async () => "again")).value).toBe("churn_xgb");
    // A run's metric histories sit under the run's key; another run's (r1 vs r10) do not.
    expect(mlflowCacheKeys.metricHistory("r1", "auc").startsWith(mlflowCacheKeys.run("r1"))).toBe(true);
    expect(mlflowCacheKeys.run("r10").startsWith(mlflowCacheKeys.run("r1"))).toBe(false);
  });

  it("tells refusals by kind, so an MlflowError of another bundle's copy counts too", () => {
    const foreign = (status: number | undefined, code: string) => ({ kind: "upstream", upstream: "MLflow", status, code, transient: false, message: "m" });
    expect(isMissing(foreign(404, "RESOURCE_DOES_NOT_EXIST"))).toBe(true);
    expect(isMissing(new MlflowError("bad id", 400, "INVALID_PARAMETER_VALUE", false))).toBe(true);
    expect(isMissing(foreign(503, "TEMPORARILY_UNAVAILABLE"))).toBe(false);
    expect(isMissing({ kind: "upstream", upstream: "Azure Resource Manager", status: 404, code: "NotFound" })).toBe(false);
    expect(isRejectedRequest(foreign(400, "BAD_REQUEST"))).toBe(true);
    expect(isRejectedRequest(foreign(404, "RESOURCE_DOES_NOT_EXIST"))).toBe(false);
    expect(isRejectedRequest(new Error("400"))).toBe(false);
  });
});
