import { describe, expect, it } from "vitest";
import { childRunsFilter, formatSortOrder, nameContainsFilter, nextSortOrder, parseSortOrder, sortsBy } from "./run-filter";

describe("sort orders in the URL", () => {
  it("reads MLflow's spellings of an order_by entry, ascending by default", () => {
    expect(parseSortOrder("metrics.auc DESC")).toEqual({ entity: "metrics", key: "auc", descending: true });
    expect(parseSortOrder("metric.auc")).toEqual({ entity: "metrics", key: "auc", descending: false });
    expect(parseSortOrder("params.`max depth` asc")).toEqual({ entity: "params", key: "max depth", descending: false });
    expect(parseSortOrder('tags."mlflow.runName" DESC')).toEqual({ entity: "tags", key: "mlflow.runName", descending: true });
    expect(parseSortOrder("attributes.start_time DESC")).toEqual({ entity: "attributes", key: "start_time", descending: true });
    expect(parseSortOrder("metrics.val/auc DESC")).toEqual({ entity: "metrics", key: "val/auc", descending: true });
  });

  it("refuses what is not an order: no prefix, unknown prefix, junk after the direction", () => {
    for (const text of ["auc DESC", "widgets.auc", "metrics.auc DESC; DROP", "metrics.", "", undefined, "metrics.auc DESCENDING"]) {
      expect(parseSortOrder(text)).toBeNull();
    }
  });

  it("writes keys MLflow must see quoted in backticks, or double quotes when the key has a backtick", () => {
    expect(formatSortOrder({ entity: "metrics", key: "auc", descending: true })).toBe("metrics.auc DESC");
    expect(formatSortOrder({ entity: "metrics", key: "val.auc", descending: false })).toBe("metrics.val.auc ASC");
    expect(formatSortOrder({ entity: "params", key: "max depth", descending: false })).toBe("params.`max depth` ASC");
    expect(formatSortOrder({ entity: "params", key: "odd`key", descending: false })).toBe('params."odd`key" ASC');
    expect(formatSortOrder({ entity: "params", key: 'both`"', descending: false })).toBeNull();
  });

  it("round-trips what it writes", () => {
    for (const key of ["auc", "max depth", "f1@0.5", "val/loss"]) {
      const order = { entity: "metrics" as const, key, descending: true };
      expect(parseSortOrder(formatSortOrder(order))).toEqual(order);
    }
  });

  it("a header flips the direction of its sorted column and starts others in their natural direction", () => {
    const byAuc = parseSortOrder("metrics.auc DESC");
    expect(sortsBy(byAuc, "metrics", "auc")).toBe(true);
    expect(sortsBy(byAuc, "params", "auc")).toBe(false);
    expect(nextSortOrder(byAuc, "metrics", "auc", true)).toEqual({ entity: "metrics", key: "auc", descending: false });
    expect(nextSortOrder(byAuc, "params", "max_depth", false)).toEqual({ entity: "params", key: "max_depth", descending: false });
    expect(nextSortOrder(null, "metrics", "f1", true)).toEqual({ entity: "metrics", key: "f1", descending: true });
  });
});

describe("filters Stagegate writes", () => {
  it("searches names with LIKE, turning quotes into the one-character wildcard", () => {
    expect(nameContainsFilter("churn")).toBe("name LIKE '%churn%'");
    expect(nameContainsFilter("  o'brien ")).toBe("name LIKE '%o_brien%'");
    expect(nameContainsFilter("it's 'x'")).toBe("name LIKE '%it_s _x_%'");
    expect(nameContainsFilter("   ")).toBeUndefined();
    expect(nameContainsFilter(undefined)).toBeUndefined();
  });

  it("finds a parent's children by tag, only for ids that cannot break out of the literal", () => {
    expect(childRunsFilter("0a1b2c")).toBe("tags.mlflow.parentRunId = '0a1b2c'");
    expect(childRunsFilter("x' OR '1'='1")).toBeNull();
  });
});
