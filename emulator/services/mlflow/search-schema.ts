// Turns parsed filter and order_by clauses into a predicate and a comparator for one search API,
// validated against that API's schema: which prefixes and attribute keys exist, whether a field is
// numeric or a string, and which comparators it takes. Semantics follow MLflow's stores: a missing
// value never matches; when ordering, missing values (and NaN) sort last in both directions.
import { invalidParameter } from "./errors";
import { parseFilter, parseOrderBy, type Clause, type Comparator, type Identifier, type Literal } from "./filter-parser";

export type EntityType = "metric" | "parameter" | "tag" | "attribute" | "dataset";
type Value = number | string | undefined;

export interface Field<T> {
  readonly type: "number" | "string";
  readonly comparators: ReadonlySet<Comparator>;
  /** A multi-valued field (a run's datasets) matches when any of its values does. */
  readonly read: (item: T) => Value | readonly string[];
}

const NUMBER_COMPARATORS: ReadonlySet<Comparator> = new Set(["=", "!=", ">", ">=", "<", "<="]);
const STRING_COMPARATORS: ReadonlySet<Comparator> = new Set(["=", "!=", "LIKE", "ILIKE"]);

export const numberField = <T>(read: (item: T) => number | undefined): Field<T> => ({ type: "number", comparators: NUMBER_COMPARATORS, read });

/** A string field; `lists` adds list comparators (MLflow allows `run_id IN (...)`). */
export const stringField = <T>(read: (item: T) => Value | readonly string[], lists: readonly Comparator[] = []): Field<T> => ({
  type: "string",
  comparators: new Set([...STRING_COMPARATORS, ...lists]),
  read,
});

export interface SearchSchema<T> {
  /** Prefixes this API accepts: runs take metrics/params/tags/attributes/datasets, the others fewer. */
  readonly prefixes: Readonly<Record<string, EntityType>>;
  readonly attributes: Readonly<Record<string, Field<T>>>;
  /** Attributes allowed in order_by (defaults to the filterable ones). */
  readonly orderAttributes?: Readonly<Record<string, Field<T>>>;
  readonly keyed?: Partial<Record<Exclude<EntityType, "attribute">, (key: string) => Field<T>>>;
}

export const RUN_PREFIXES: Readonly<Record<string, EntityType>> = {
  metric: "metric",
  metrics: "metric",
  parameter: "parameter",
  parameters: "parameter",
  param: "parameter",
  params: "parameter",
  tag: "tag",
  tags: "tag",
  attribute: "attribute",
  attributes: "attribute",
  attr: "attribute",
  run: "attribute",
  dataset: "dataset",
  datasets: "dataset",
};
export const ATTRIBUTE_AND_TAG_PREFIXES: Readonly<Record<string, EntityType>> = { attribute: "attribute", attributes: "attribute", tag: "tag", tags: "tag" };

function resolve<T>(schema: SearchSchema<T>, identifier: Identifier, purpose: "filter" | "order"): Field<T> {
  const type = identifier.prefix === undefined ? "attribute" : schema.prefixes[identifier.prefix];
  if (type === undefined) {
    throw invalidParameter(`Invalid entity type '${identifier.prefix}'. Valid values are ${JSON.stringify([...new Set(Object.keys(schema.prefixes))])}`);
  }
  if (type === "attribute") {
    const attributes = purpose === "order" ? (schema.orderAttributes ?? schema.attributes) : schema.attributes;
    const field = Object.hasOwn(attributes, identifier.key) ? attributes[identifier.key] : undefined;
    if (!field) throw invalidParameter(`Invalid attribute key '${identifier.key}' specified. Valid keys are '${JSON.stringify(Object.keys(attributes))}'`);
    return field;
  }
  const keyed = schema.keyed?.[type];
  if (!keyed || (purpose === "order" && type === "dataset")) throw invalidParameter(`Invalid ${purpose === "order" ? "order_by" : "filter"} entity type '${identifier.prefix}'.`);
  return keyed(identifier.key);
}

function likePattern(pattern: string, caseInsensitive: boolean): RegExp {
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replaceAll("%", ".*").replaceAll("_", ".");
  return new RegExp(`^${source}$`, caseInsensitive ? "is" : "s");
}

function checkValue(field: Field<unknown>, clause: Clause): void {
  const { comparator, value } = clause;
  if (!field.comparators.has(comparator)) throw invalidParameter(`Invalid comparator '${comparator}' not one of '${JSON.stringify([...field.comparators])}' in '${clause.text}'`);
  const listComparator = comparator === "IN" || comparator === "NOT IN";
  if (listComparator && value.kind !== "list") throw invalidParameter(`Expected a list of quoted strings after ${comparator} in '${clause.text}'`);
  if (!listComparator && value.kind === "list") throw invalidParameter(`Only the 'run_id' attribute supports comparison with a list of quoted string values: '${clause.text}'`);
  if (field.type === "number" && value.kind !== "number") throw invalidParameter(`Expected numeric value type for '${clause.text}'. Found ${JSON.stringify(literalText(value))}`);
  if (field.type === "string" && value.kind === "number") throw invalidParameter(`Expected a quoted string value in '${clause.text}' (e.g. 'my-value'). Got value ${value.value}`);
}

const literalText = (value: Literal) => (value.kind === "list" ? value.values.join(",") : String(value.value));

function matcher(clause: Clause): (value: number | string) => boolean {
  const { comparator, value } = clause;
  if (value.kind === "list") {
    const set = new Set(value.values);
    return comparator === "IN" ? (actual) => set.has(String(actual)) : (actual) => !set.has(String(actual));
  }
  if (comparator === "LIKE" || comparator === "ILIKE") {
    const pattern = likePattern(String(value.value), comparator === "ILIKE");
    return (actual) => pattern.test(String(actual));
  }
  const expected = value.value;
  switch (comparator) {
    case "=":
      return (actual) => actual === expected;
    case "!=":
      return (actual) => actual !== expected;
    case ">":
      return (actual) => actual > expected;
    case ">=":
      return (actual) => actual >= expected;
    case "<":
      return (actual) => actual < expected;
    default:
      return (actual) => actual <= expected;
  }
}

/** A predicate for the filter (every clause must hold), or undefined when there is no filter. */
export function compileFilter<T>(schema: SearchSchema<T>, filter: string | undefined): ((item: T) => boolean) | undefined {
  const clauses = parseFilter(filter);
  if (clauses.length === 0) return undefined;
  const tests = clauses.map((clause) => {
    const field = resolve(schema, clause.identifier, "filter");
    checkValue(field as Field<unknown>, clause);
    const matches = matcher(clause);
    return (item: T) => {
      const actual = field.read(item);
      if (actual === undefined) return false;
      return typeof actual === "object" ? actual.some(matches) : matches(actual);
    };
  });
  return (item) => tests.every((test) => test(item));
}

export interface SortKey<T> {
  readonly field: Field<T>;
  readonly ascending: boolean;
}

/** Missing values rank after NaN, which ranks after every number, whatever the direction. */
function rank(value: Value): number {
  if (value === undefined) return 2;
  return typeof value === "number" && Number.isNaN(value) ? 1 : 0;
}

function compareBy<T>(key: SortKey<T>, left: T, right: T): number {
  const a = key.field.read(left) as Value;
  const b = key.field.read(right) as Value;
  const ranks = rank(a) - rank(b);
  if (ranks !== 0 || rank(a) !== 0) return ranks;
  const order = a! < b! ? -1 : a! > b! ? 1 : 0;
  return key.ascending ? order : -order;
}

/**
 * A comparator for order_by entries, then each tie-breaker whose field the entries did not already
 * order by (MLflow adds e.g. `start_time DESC, run_id` for runs).
 */
export function compileOrder<T>(schema: SearchSchema<T>, orderBy: readonly string[], tieBreakers: readonly SortKey<T>[]): (left: T, right: T) => number {
  const keys: SortKey<T>[] = orderBy.map((text) => {
    const clause = parseOrderBy(text);
    return { field: resolve(schema, clause.identifier, "order"), ascending: clause.ascending };
  });
  for (const tieBreaker of tieBreakers) if (!keys.some((key) => key.field === tieBreaker.field)) keys.push(tieBreaker);
  return (left, right) => {
    for (const key of keys) {
      const order = compareBy(key, left, right);
      if (order !== 0) return order;
    }
    return 0;
  };
}
