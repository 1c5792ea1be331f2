import { describe, expect, it } from "vitest";
import { experimentOrderFrom, experimentOrderBy, experimentOrderParam } from "./experiment-order";
import { allParams, experimentsHref, firstParam, hrefWithQuery, pageSizeFrom, pagingParams, returnPath, runsHref } from "./list-urls";

describe("links that carry the view's state", () => {
  it("writes non-empty values, arrays as repeated keys, and encodes MLflow syntax", () => {
    expect(hrefWithQuery("/x", { a: "1", b: "", c: undefined, d: ["p", "q"], e: 5 })).toBe("/x?a=1&d=p&d=q&e=5");
    expect(hrefWithQuery("/x", {})).toBe("/x");
    expect(runsHref("1", { filter: "metrics.auc > 0.8 AND params.d = '6'", order: "metrics.auc DESC", size: 50 })).toBe(
      "/experiments/1?filter=metrics.auc+%3E+0.8+AND+params.d+%3D+%276%27&order=metrics.auc+DESC",
    );
  });

  it("keeps picked columns, page size and page position", () => {
    expect(runsHref("7", { columns: ["metrics.auc", "params.x"], size: 25 }, { token: "t3", trail: ["t2"] })).toBe(
      "/experiments/7?columns=metrics.auc%2Cparams.x&size=25&page=t3&trail=t2",
    );
    expect(experimentsHref({ q: "churn", size: 100 })).toBe("/experiments?q=churn&size=100");
  });

  it("reads search params whether single or repeated, and only the offered page sizes", () => {
    expect(firstParam({ q: ["a", "b"] }, "q")).toBe("a");
    expect(allParams({ trail: "t" }, "trail")).toEqual(["t"]);
    expect(allParams({}, "trail")).toEqual([]);
    expect([pageSizeFrom("25"), pageSizeFrom("7"), pageSizeFrom(undefined)]).toEqual([25, 50, 50]);
    expect(pagingParams({ size: "25", page: ["t3", "x"], trail: ["t1", "t2"] })).toEqual({ size: 25, page: "t3", trail: ["t1", "t2"] });
    expect(pagingParams({})).toEqual({ size: 50, page: undefined, trail: [] });
  });

  it("returns to the same view after sign-in unless the query is too long to carry", () => {
    expect(returnPath("/experiments", { q: "churn" })).toBe("/experiments?q=churn");
    expect(returnPath("/experiments/1", { filter: "x".repeat(600) })).toBe("/experiments/1");
  });
});

describe("experiments order", () => {
  it("reads bare attribute names and falls back to the last update for anything else", () => {
    expect(experimentOrderFrom("name ASC").order).toEqual({ entity: "attributes", key: "name", descending: false });
    expect(experimentOrderFrom(undefined)).toMatchObject({ order: { key: "last_update_time", descending: true }, ignored: null });
    expect(experimentOrderFrom("metrics.auc DESC")).toMatchObject({ order: { key: "last_update_time" }, ignored: "metrics.auc DESC" });
  });

  it("breaks ties by id and leaves the default out of links", () => {
    expect(experimentOrderBy({ entity: "attributes", key: "name", descending: false })).toEqual(["name ASC", "experiment_id ASC"]);
    expect(experimentOrderBy({ entity: "attributes", key: "experiment_id", descending: true })).toEqual(["experiment_id DESC"]);
    expect(experimentOrderParam({ entity: "attributes", key: "last_update_time", descending: true })).toBeUndefined();
    expect(experimentOrderParam({ entity: "attributes", key: "creation_time", descending: false })).toBe("creation_time ASC");
  });
});
