import { describe, expect, it } from "vitest";
import { MlflowError } from "./errors";
import { parseFilter, parseOrderBy } from "./filter-parser";
import { compileFilter, compileOrder, numberField, RUN_PREFIXES, stringField, type SearchSchema } from "./search-schema";

interface Item {
  id: string;
  score?: number;
  tags: Record<string, string>;
}

const score = numberField<Item>((item) => item.score);
const id = stringField<Item>((item) => item.id, ["IN", "NOT IN"]);
const schema: SearchSchema<Item> = {
  prefixes: RUN_PREFIXES,
  attributes: { run_id: id },
  keyed: { metric: () => score, tag: (key) => stringField((item) => item.tags[key]) },
};
const items: Item[] = [
  { id: "a", score: 0.9, tags: { "mlflow.parentRunId": "p1", team: "Churn" } },
  { id: "b", score: Number.NaN, tags: { team: "fraud" } },
  { id: "c", tags: { "mlflow.parentRunId": "p1" } },
  { id: "d", score: 0.5, tags: { team: "churn-lab" } },
];
const matching = (filter: string) => items.filter(compileFilter(schema, filter) ?? (() => true)).map((item) => item.id);

function rejection(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MlflowError);
    expect((error as MlflowError).errorCode).toBe("INVALID_PARAMETER_VALUE");
    return (error as MlflowError).message;
  }
  throw new Error("expected the filter to be refused");
}

describe("filter grammar", () => {
  it("parses AND-joined comparisons with prefixes, quoted keys and every literal kind", () => {
    expect(parseFilter(`metrics.auc >= 0.8 and tags."mlflow.parentRunId" = 'p1' AND params.\`learning rate\` != "0.1" AND attributes.run_id IN ('a', "b")`)).toEqual([
      { identifier: { prefix: "metrics", key: "auc" }, comparator: ">=", value: { kind: "number", value: 0.8 }, text: "metrics.auc >= 0.8" },
      { identifier: { prefix: "tags", key: "mlflow.parentRunId" }, comparator: "=", value: { kind: "string", value: "p1" }, text: `tags."mlflow.parentRunId" = 'p1'` },
      { identifier: { prefix: "params", key: "learning rate" }, comparator: "!=", value: { kind: "string", value: "0.1" }, text: 'params.`learning rate` != "0.1"' },
      { identifier: { prefix: "attributes", key: "run_id" }, comparator: "IN", value: { kind: "list", values: ["a", "b"] }, text: `attributes.run_id IN ('a', "b")` },
    ]);
  });

  it("reads unquoted dotted keys, bare identifiers, NOT IN, ILIKE and scientific numbers", () => {
    const [dotted, bare, notIn, ilike, scientific] = parseFilter("tags.mlflow.parentRunId = 'x' AND name = 'm' AND run_id NOT IN ('z') AND tags.team ilike '%CH%' AND metrics.loss < 1e-3");
    expect(dotted?.identifier).toEqual({ prefix: "tags", key: "mlflow.parentRunId" });
    expect(bare?.identifier).toEqual({ key: "name" });
    expect(notIn?.comparator).toBe("NOT IN");
    expect(ilike?.comparator).toBe("ILIKE");
    expect(scientific?.value).toEqual({ kind: "number", value: 0.001 });
    expect(parseFilter("")).toEqual([]);
    expect(parseFilter("   ")).toEqual([]);
  });

  it.each([
    ["OR", "metrics.auc > 0.8 OR metrics.auc < 0.2"],
    ["a missing value", "metrics.auc >"],
    ["a missing comparator", "metrics.auc 0.8"],
    ["the <> operator", "metrics.auc <> 0.8"],
    ["an empty list", "attributes.run_id IN ()"],
    ["an unterminated string", "tags.team = 'churn"],
    ["parentheses around a clause", "(metrics.auc > 0.8)"],
    ["a dangling dot", "metrics. > 1"],
  ])("refuses %s", (_, filter) => {
    rejection(() => parseFilter(filter));
  });

  it("parses order_by entries with an optional direction", () => {
    expect(parseOrderBy("metrics.auc DESC")).toEqual({ identifier: { prefix: "metrics", key: "auc" }, ascending: false });
    expect(parseOrderBy("attributes.start_time asc")).toEqual({ identifier: { prefix: "attributes", key: "start_time" }, ascending: true });
    expect(parseOrderBy("metrics.`val auc`")).toEqual({ identifier: { prefix: "metrics", key: "val auc" }, ascending: true });
    rejection(() => parseOrderBy("metrics.auc DOWN"));
  });
});

describe("compiled filters", () => {
  it("compares numbers, ignores items without the value and keeps NaN out of every comparison but !=", () => {
    expect(matching("metrics.auc > 0.6")).toEqual(["a"]);
    expect(matching("metrics.auc <= 0.9")).toEqual(["a", "d"]);
    expect(matching("metrics.auc != 0.5")).toEqual(["a", "b"]);
  });

  it("matches strings with =, !=, LIKE (case-sensitive), ILIKE and lists", () => {
    expect(matching(`tags."mlflow.parentRunId" = 'p1'`)).toEqual(["a", "c"]);
    expect(matching("tags.team != 'fraud'")).toEqual(["a", "d"]);
    expect(matching("tags.team LIKE 'churn%'")).toEqual(["d"]);
    expect(matching("tags.team ILIKE 'churn%'")).toEqual(["a", "d"]);
    expect(matching("tags.team LIKE '_hurn'")).toEqual(["a"]);
    expect(matching("attributes.run_id IN ('a', 'c')")).toEqual(["a", "c"]);
    expect(matching("run_id NOT IN ('a', 'c')")).toEqual(["b", "d"]);
    expect(matching("tags.team ILIKE '%' AND metrics.auc > 0.6")).toEqual(["a"]);
  });

  it("refuses unknown prefixes and attributes, wrong value types and wrong comparators", () => {
    expect(rejection(() => compileFilter(schema, "things.x = 'a'"))).toContain("Invalid entity type 'things'");
    expect(rejection(() => compileFilter(schema, "attributes.color = 'red'"))).toContain("Invalid attribute key 'color'");
    expect(rejection(() => compileFilter(schema, "metrics.auc > '0.5'"))).toContain("Expected numeric value");
    expect(rejection(() => compileFilter(schema, "tags.team = 5"))).toContain("Expected a quoted string");
    expect(rejection(() => compileFilter(schema, "metrics.auc LIKE 0.5"))).toContain("Invalid comparator 'LIKE'");
    expect(rejection(() => compileFilter(schema, "tags.team > 'a'"))).toContain("Invalid comparator '>'");
    expect(rejection(() => compileFilter(schema, "tags.team IN ('a')"))).toContain("Invalid comparator 'IN'");
    expect(rejection(() => compileFilter(schema, "run_id = ('a')"))).toContain("list");
  });

  it("orders with missing values and NaN last in both directions, then by tie-breakers", () => {
    const byId = { field: id, ascending: true };
    const sorted = (orderBy: string[]) => [...items].sort(compileOrder(schema, orderBy, [byId])).map((item) => item.id);
    expect(sorted(["metrics.auc DESC"])).toEqual(["a", "d", "b", "c"]);
    expect(sorted(["metrics.auc ASC"])).toEqual(["d", "a", "b", "c"]);
    expect(sorted(["tags.team"])).toEqual(["a", "d", "b", "c"]);
    expect(sorted(["attributes.run_id DESC"])).toEqual(["d", "c", "b", "a"]);
    rejection(() => compileOrder(schema, ["datasets.name"], []));
  });
});
