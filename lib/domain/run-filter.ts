// The pieces of MLflow's search grammar (wire-formats.md §1.6) the experiments pages write
// themselves: sort orders read from and written to the URL, a name search, a children filter.
// Filters typed by people are passed to MLflow untouched: MLflow is the judge of its grammar.

export type OrderEntity = "metrics" | "params" | "tags" | "attributes";

export interface SortOrder {
  entity: OrderEntity;
  key: string;
  descending: boolean;
}

// MLflow accepts several spellings of each prefix; the URL keeps the canonical one.
const ENTITY_ALIASES: Record<string, OrderEntity> = {
  metric: "metrics",
  metrics: "metrics",
  param: "params",
  params: "params",
  parameter: "params",
  parameters: "params",
  tag: "tags",
  tags: "tags",
  attribute: "attributes",
  attributes: "attributes",
  attr: "attributes",
  run: "attributes",
};

const ORDER_PATTERN = /^\s*([A-Za-z]+)\.(?:`([^`]+)`|"([^"]+)"|([A-Za-z0-9_][A-Za-z0-9_.\-/:]*))(?:\s+(ASC|DESC))?\s*$/i;
const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/;

/** `metrics.auc DESC`, `params.\`max depth\``… as a sort order, or null when it is not one. */
export function parseSortOrder(text: string | undefined | null): SortOrder | null {
  if (!text) return null;
  const match = ORDER_PATTERN.exec(text);
  if (!match) return null;
  const entity = ENTITY_ALIASES[match[1]!.toLowerCase()];
  const key = match[2] ?? match[3] ?? match[4];
  if (!entity || !key) return null;
  return { entity, key, descending: match[5]?.toUpperCase() === "DESC" };
}

/** The identifier as MLflow reads it: keys with spaces or symbols are quoted, backticks first. */
export function orderIdentifier(entity: OrderEntity, key: string): string | null {
  if (BARE_KEY.test(key)) return `${entity}.${key}`;
  if (!key.includes("`")) return `${entity}.\`${key}\``;
  if (!key.includes('"')) return `${entity}."${key}"`;
  return null;
}

/** The order_by entry for MLflow and the URL, or null for a key no quoting can express. */
export function formatSortOrder(order: SortOrder): string | null {
  const identifier = orderIdentifier(order.entity, order.key);
  return identifier === null ? null : `${identifier} ${order.descending ? "DESC" : "ASC"}`;
}

export function sortsBy(order: SortOrder | null, entity: OrderEntity, key: string): boolean {
  return order !== null && order.entity === entity && order.key === key;
}

/**
 * What a column header's link sorts by: the other direction when the column is already sorted,
 * else its natural first direction (numbers and times high first, names A to Z).
 */
export function nextSortOrder(current: SortOrder | null, entity: OrderEntity, key: string, firstDescending: boolean): SortOrder {
  if (sortsBy(current, entity, key)) return { entity, key, descending: !current!.descending };
  return { entity, key, descending: firstDescending };
}

/**
 * A string literal for MLflow's grammar. MLflow has no escape for a quote inside a literal, so a
 * quote becomes `_`, the one-character LIKE wildcard, which still matches it in LIKE patterns.
 */
export function likeLiteral(text: string): string {
  return `'${text.replaceAll("'", "_")}'`;
}

/** Experiments (or models) whose name contains the text, as `name LIKE '%…%'`. */
export function nameContainsFilter(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return `name LIKE ${likeLiteral(`%${trimmed}%`)}`;
}

const RUN_ID = /^[A-Za-z0-9_-]+$/;

/** The children of a parent run (a sweep's trials), as MLflow documents the query. */
export function childRunsFilter(parentRunId: string): string | null {
  return RUN_ID.test(parentRunId) ? `tags.mlflow.parentRunId = '${parentRunId}'` : null;
}
