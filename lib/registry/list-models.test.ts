import { describe, expect, it } from "vitest";
import { contextWithRoles } from "@/lib/experiments/testing/viewer-context";
import { testServices } from "@/lib/services/testing/test-services";
import { MlflowError } from "@/lib/sources/mlflow/mlflow-client";
import { fakeMlflow } from "@/lib/sources/mlflow/testing/fake-mlflow";
import { listModels } from "./list-models";

const viewer = contextWithRoles(["Stagegate.Viewer"]);

describe("listModels", () => {
  it("costs exactly one registered-models/search per page, none when cached", async () => {
    const mlflow = fakeMlflow();
    const services = testServices({ mlflow });
    const first = await listModels(viewer, { size: 2 }, services);
    expect(first.rows.map((row) => row.name)).toEqual(["churn_xgb", "fraud_lgbm"]);
    expect(first.rows[0]).toMatchObject({ champion: "6", challenger: null, latestVersion: "7", owner: "ana@contoso.com" });
    expect(first).toMatchObject({ isFirstPage: true, nextPageToken: "2", problem: null, filterText: null });
    expect(mlflow.calls).toEqual(["searchRegisteredModels"]);
    await listModels(viewer, { size: 2 }, services);
    expect(mlflow.calls).toEqual(["searchRegisteredModels"]);
    const second = await listModels(viewer, { size: 2, page: first.nextPageToken! }, services);
    expect(second).toMatchObject({ isFirstPage: false, nextPageToken: null });
    expect(second.rows.map((row) => row.name)).toEqual(["ltv"]);
    expect(mlflow.calls).toHaveLength(2);
  });

  it("sends name and tag filters to MLflow and filters aliases on the fetched page, counting what it hid", async () => {
    const filters: (string | undefined)[] = [];
    const search = fakeMlflow().searchRegisteredModels;
    const services = testServices({ mlflow: fakeMlflow({ searchRegisteredModels: (page) => (filters.push(page.filter), search(page)) }) });
    const list = await listModels(viewer, { q: "l", alias: "challenger", size: 25 }, services);
    expect(list.rows.map((row) => row.name)).toEqual(["ltv"]);
    expect(list.hiddenByAlias).toBe(1);
    // The fake ignores filters, like a server whose filter over-matched: rows are re-checked.
    const tagged = await listModels(viewer, { q: "l", tag: { key: "team", value: "retention" }, size: 25 }, services);
    expect(filters).toEqual(["name LIKE '%l%'", "name LIKE '%l%' AND tags.`team` = 'retention'"]);
    expect(tagged.rows.map((row) => row.name)).toEqual(["ltv"]);
  });

  it("turns MLflow's 400 (a stale page token) into a message, and lets outages through", async () => {
    const refusing = testServices({ mlflow: fakeMlflow({ searchRegisteredModels: async () => Promise.reject(new MlflowError("bad token", 400, "INVALID_PARAMETER_VALUE", false)) }) });
    const list = await listModels(viewer, { size: 25, page: "expired" }, refusing);
    expect(list.rows).toEqual([]);
    expect(list.problem).toMatch(/no longer valid/);
    const down = testServices({ mlflow: fakeMlflow({ searchRegisteredModels: async () => Promise.reject(new MlflowError("down", 503, "TEMPORARILY_UNAVAILABLE", true)) }) });
    await expect(listModels(viewer, { size: 25 }, down)).rejects.toMatchObject({ kind: "upstream", upstream: "MLflow", status: 503 });
  });

  it("shows the one 'not configured' error when MLflow has no settings", async () => {
    await expect(listModels(viewer, { size: 25 }, testServices())).rejects.toMatchObject({ kind: "upstream", code: "NOT_CONFIGURED" });
  });

  it("refuses a role without registry:read and invalid input", async () => {
    await expect(listModels(contextWithRoles(["Stagegate.FinOps"]), { size: 25 }, testServices({ mlflow: fakeMlflow() }))).rejects.toMatchObject({ status: 403 });
    await expect(listModels(viewer, { size: 1000 }, testServices({ mlflow: fakeMlflow() }))).rejects.toMatchObject({ kind: "refused", code: "invalid_input" });
  });
});
