import { describe, expect, it } from "vitest";
import { availableColumns, defaultColumns, MAX_PICKED_COLUMNS, parseColumns } from "./run-filter-columns";

const run = (metrics: Record<string, number>, params: Record<string, string>) => ({ metrics, params });

describe("columns the user picks", () => {
  it("reads repeated and comma-separated ids, once each, dropping unknown kinds", () => {
    expect(parseColumns(["metrics.auc,params.max_depth", "metrics.auc", "tags.x", "metrics.val loss"])).toEqual([
      { kind: "metrics", key: "auc" },
      { kind: "params", key: "max_depth" },
      { kind: "metrics", key: "val loss" },
    ]);
    expect(parseColumns([])).toEqual([]);
  });

  it("keeps at most a screenful", () => {
    const many = Array.from({ length: 40 }, (_, index) => `metrics.m${index}`);
    expect(parseColumns(many)).toHaveLength(MAX_PICKED_COLUMNS);
  });
});

describe("columns chosen from the runs", () => {
  const runs = [
    run({ auc: 0.8, f1: 0.6, loss: 0.4 }, { objective: "binary", max_depth: "6", lr: "0.1" }),
    run({ auc: 0.81, f1: 0.61 }, { objective: "binary", max_depth: "8", lr: "0.1" }),
    run({ auc: 0.79, rare: 1 }, { objective: "binary", max_depth: "4", lr: "0.2" }),
  ];

  it("prefers the most common metrics and the params that differ between runs", () => {
    expect(defaultColumns(runs, null, { metrics: 2, params: 2 })).toEqual([
      { kind: "metrics", key: "auc" },
      { kind: "metrics", key: "f1" },
      { kind: "params", key: "lr" },
      { kind: "params", key: "max_depth" },
    ]);
  });

  it("always shows the column the runs are sorted by, first", () => {
    const columns = defaultColumns(runs, { entity: "metrics", key: "rare", descending: true }, { metrics: 2, params: 1 });
    expect(columns.slice(0, 2)).toEqual([
      { kind: "metrics", key: "rare" },
      { kind: "metrics", key: "auc" },
    ]);
    const byParam = defaultColumns(runs, { entity: "params", key: "objective", descending: false }, { metrics: 1, params: 1 });
    expect(byParam).toEqual([
      { kind: "metrics", key: "auc" },
      { kind: "params", key: "objective" },
    ]);
  });

  it("shows nothing for runs without metrics or params, and lists every key for the picker", () => {
    expect(defaultColumns([run({}, {})], null)).toEqual([]);
    expect(availableColumns(runs)).toEqual({ metrics: ["auc", "f1", "loss", "rare"], params: ["lr", "max_depth", "objective"] });
  });
});
