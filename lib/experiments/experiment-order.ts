// How the experiments list sorts: by one of the attributes experiments/search orders by
// (wire-formats.md §1.6), written bare in the URL (`?order=name ASC`).
import { parseSortOrder, type SortOrder } from "@/lib/domain/run-filter";

export const EXPERIMENT_ORDER_KEYS = ["name", "experiment_id", "creation_time", "last_update_time"] as const;
export type ExperimentOrderKey = (typeof EXPERIMENT_ORDER_KEYS)[number];

export const DEFAULT_EXPERIMENT_ORDER: SortOrder = { entity: "attributes", key: "last_update_time", descending: true };

/** The order the URL asks for, or the default with the text it could not use. */
export function experimentOrderFrom(text: string | undefined): { order: SortOrder; ignored: string | null } {
  if (!text) return { order: DEFAULT_EXPERIMENT_ORDER, ignored: null };
  const parsed = parseSortOrder(text.includes(".") ? text : `attributes.${text}`);
  const known = parsed !== null && parsed.entity === "attributes" && (EXPERIMENT_ORDER_KEYS as readonly string[]).includes(parsed.key);
  return known ? { order: parsed, ignored: null } : { order: DEFAULT_EXPERIMENT_ORDER, ignored: text };
}

/** experiments/search's order_by; the id breaks ties so paging never repeats or skips one. */
export function experimentOrderBy(order: SortOrder): string[] {
  const first = `${order.key} ${order.descending ? "DESC" : "ASC"}`;
  return order.key === "experiment_id" ? [first] : [first, "experiment_id ASC"];
}

/** The URL value for an order; undefined for the default, so plain links stay plain. */
export function experimentOrderParam(order: SortOrder): string | undefined {
  const isDefault = order.key === DEFAULT_EXPERIMENT_ORDER.key && order.descending === DEFAULT_EXPERIMENT_ORDER.descending;
  return isDefault ? undefined : `${order.key} ${order.descending ? "DESC" : "ASC"}`;
}
