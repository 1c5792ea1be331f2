import { describe, expect, it } from "vitest";
import { MlflowError } from "@/lib/sources/mlflow/mlflow-client";
import { listModels } from "./list-models";
import { contextWith, fakeRegistrySources } from "./testing/fake-registry";

const viewer = contextWith(["Stagegate.Viewer"]);

describe("listModels", () => {
  it("costs exactly one registered-models/search per page, none when cached", async () => {
    const sources = fakeRegistrySources();
    const first = await listModels(viewer, { size: 2 }, sources);
    expect(first.rows.map((row) => row.name)).toEqual(["churn_xgb", "fraud_lgbm"]);
    expect(first.rows[0]).toMatchObject({ champion: "6", challenger: null, latestVersion: "7", owner: "ana@contoso.com" });
    expect(first).toMatchObject({ isFirstPage: true, nextPageToken: "2", problem: null, filterText: null });
    expect(sources.calls).toEqual(["searchRegisteredModels"]);
    await listModels(viewer, { size: 2 }, sources);
    expect(sources.calls).toEqual(["searchRegisteredModels"]);
    const second = await listModels(viewer, { size: 2, page: first.nextPageToken! }, sources);
    expect(second).toMatchObject({ isFirstPage: false, nextPageToken: null });
    expect(second.rows.map((row) => row.name)).toEqual(["ltv"]);
    expect(sources.calls).toHaveLength(2);
  });

  it("sends name and tag filters to MLflow and filters aliases on the fetched page, counting what it hid", async () => {
    const filters: (string | undefined)[] = [];
    const sources = fakeRegistrySources();
    const search = sources.mlflow().searchRegisteredModels;
    const spied = fakeRegistrySources({ mlflow: { searchRegisteredModels: (page) => (filters.push(page.filter), search(page)) } });
    const list = await listModels(viewer, { q: "l", alias: "challenger", size: 25 }, spied);
    expect(list.rows.map((row) => row.name)).toEqual(["ltv"]);
    expect(list.hiddenByAlias).toBe(1);
    // The fake ignores filters, like a server whose filter over-matched: rows are re-checked.
    const tagged = await listModels(viewer, { q: "l", tag: { key: "team", value: "retention" }, size: 25 }, spied);
    expect(filters).toEqual(["name LIKE '%l%'", "name LIKE '%l%' AND tags.`team` = 'retention'"]);
    expect(tagged.rows.map((row) => row.name)).toEqual(["ltv"]);
  });

  it("turns MLflow's 400 (a stale page token) into a message, and lets outages through", async () => {
    const refusing = fakeRegistrySources({
      mlflow: { searchRegisteredModels: async () => Promise.reject(new MlflowError("bad token", 400, "INVALID_PARAMETER_VALUE", false)) },
    });
    const list = await listModels(viewer, { size: 25, page: "expired" }, refusing);
    expect(list.rows).toEqual([]);
    expect(list.problem).toMatch(/no longer valid/);
    const down = fakeRegistrySources({ mlflow: { searchRegisteredModels: async () => Promise.reject(new MlflowError("down", 503, "TEMPORARILY_UNAVAILABLE", true)) } });
    await expect(listModels(viewer, { size: 25 }, down)).rejects.toBeInstanceOf(MlflowError);
  });

  it("refuses a role without registry:read and invalid input", async () => {
    await expect(listModels(contextWith(["Stagegate.FinOps"]), { size: 25 }, fakeRegistrySources())).rejects.toMatchObject({ status: 403 });
    await expect(listModels(viewer, { size: 1000 }, fakeRegistrySources())).rejects.toThrow();
  });
});
