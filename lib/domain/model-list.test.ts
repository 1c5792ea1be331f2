import { describe, expect, it } from "vitest";
import type { MlflowRegisteredModel } from "@/lib/sources/mlflow/mlflow-schemas";
import { matchesQuery, modelListFilter, modelListHref, parseModelListQuery, toModelRow } from "./model-list";

function model(overrides: Partial<MlflowRegisteredModel> = {}): MlflowRegisteredModel {
  return { name: "churn_xgb", latest_versions: [], tags: [], aliases: [], ...overrides };
}

const version = (v: string, stage = "None") => ({ name: "churn_xgb", version: v, current_stage: stage, status: "READY", tags: [], aliases: [] });

describe("models page query", () => {
  it("reads search, tag, alias, page token and size from the URL", () => {
    const { query, problems } = parseModelListQuery({ q: " churn ", tag: "team=retention-analytics", alias: "champion", page: "eyJvZmZzZXQiOiAzfQ==", size: "3" });
    expect(problems).toEqual([]);
    expect(query).toEqual({ q: "churn", tag: { key: "team", value: "retention-analytics" }, alias: "champion", page: "eyJvZmZzZXQiOiAzfQ==", size: 3 });
  });

  it("keeps = inside tag values and drops what makes no sense, saying why", () => {
    expect(parseModelListQuery({ tag: "expr=a=b" }).query.tag).toEqual({ key: "expr", value: "a=b" });
    const { query, problems } = parseModelListQuery({ tag: "novalue", alias: "bad alias!", size: "1000", q: ["first", "second"] });
    expect(query).toEqual({ q: "first", size: 25 });
    expect(problems).toHaveLength(3);
  });

  it("builds the MLflow filter from name and tag (alias is not searchable)", () => {
    expect(modelListFilter({})).toBeUndefined();
    expect(modelListFilter({ q: "churn", tag: { key: "team", value: "it's" } })?.text).toBe(`name LIKE '%churn%' AND tags.\`team\` = "it's"`);
  });

  it("links keep the filters, drop the default size and add the page token", () => {
    expect(modelListHref({ size: 25 })).toBe("/models");
    expect(modelListHref({ q: "a b", alias: "champion", size: 3 }, "tok=")).toBe("/models?q=a+b&alias=champion&size=3&page=tok%3D");
  });
});

describe("model rows", () => {
  it("takes champion and challenger from aliases, the highest latest version, and the owner tag over user_id", () => {
    const row = toModelRow(
      model({
        aliases: [{ alias: "champion", version: "6" }, { alias: "challenger", version: "7" }],
        latest_versions: [version("6", "Production"), version("10"), version("9", "Archived")],
        tags: [{ key: "owner", value: "ana@contoso.com" }],
        user_id: "svc",
        last_updated_timestamp: 1700000000000,
      }),
    );
    expect(row).toMatchObject({ champion: "6", challenger: "7", latestVersion: "10", owner: "ana@contoso.com", lastUpdated: 1700000000000 });
    expect(toModelRow(model({ user_id: "svc" }))).toMatchObject({ champion: null, challenger: null, latestVersion: null, owner: "svc" });
  });

  it("re-checks name, tag and alias on the fetched page", () => {
    const churn = model({ tags: [{ key: "team", value: "x" }], aliases: [{ alias: "champion", version: "6" }] });
    expect(matchesQuery(churn, { q: "CHURN" })).toBe(true);
    expect(matchesQuery(churn, { q: "churnAxgb" })).toBe(false);
    expect(matchesQuery(churn, { tag: { key: "team", value: "x" }, alias: "champion" })).toBe(true);
    expect(matchesQuery(churn, { tag: { key: "team", value: "y" } })).toBe(false);
    expect(matchesQuery(churn, { alias: "challenger" })).toBe(false);
  });
});
