// Which metric and param columns the runs table shows: those the user picked (`?columns=`), or a
// few chosen from the runs on the page: the sorted column first, then the most common metrics and
// the params that differ between runs (a param every run sets alike tells nothing).
import type { SortOrder } from "./run-filter";

export type ColumnKind = "metrics" | "params";

export interface RunColumn {
  kind: ColumnKind;
  key: string;
}

export interface ColumnSource {
  metrics: Record<string, number>;
  params: Record<string, string>;
}

export const MAX_PICKED_COLUMNS = 24;
export const DEFAULT_METRIC_COLUMNS = 5;
export const DEFAULT_PARAM_COLUMNS = 3;

export function columnId(column: RunColumn): string {
  return `${column.kind}.${column.key}`;
}

/** `metrics.auc`, `params.max_depth` (repeated or comma-separated) as columns; unknown kinds are dropped. */
export function parseColumns(values: readonly string[]): RunColumn[] {
  const columns: RunColumn[] = [];
  const seen = new Set<string>();
  for (const value of values.flatMap((entry) => entry.split(","))) {
    const match = /^\s*(metrics|params)\.(.+?)\s*$/.exec(value);
    if (!match) continue;
    const column = { kind: match[1] as ColumnKind, key: match[2]! };
    const id = columnId(column);
    if (seen.has(id)) continue;
    seen.add(id);
    columns.push(column);
    if (columns.length >= MAX_PICKED_COLUMNS) break;
  }
  return columns;
}

function countKeys(records: Record<string, unknown>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) for (const key of Object.keys(record)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

const byCountThenName = (counts: Map<string, number>) => (a: string, b: string) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b);

/** Every metric and param key on the page, A to Z, for the column picker. */
export function availableColumns(runs: readonly ColumnSource[]): { metrics: string[]; params: string[] } {
  const sorted = (records: Record<string, unknown>[]) => [...countKeys(records).keys()].sort((a, b) => a.localeCompare(b));
  return { metrics: sorted(runs.map((run) => run.metrics)), params: sorted(runs.map((run) => run.params)) };
}

export function defaultColumns(
  runs: readonly ColumnSource[],
  order: SortOrder | null,
  limits = { metrics: DEFAULT_METRIC_COLUMNS, params: DEFAULT_PARAM_COLUMNS },
): RunColumn[] {
  const metricCounts = countKeys(runs.map((run) => run.metrics));
  const paramCounts = countKeys(runs.map((run) => run.params));
  const distinct = new Map<string, number>();
  for (const key of paramCounts.keys()) distinct.set(key, new Set(runs.map((run) => run.params[key]).filter((value) => value !== undefined)).size);

  const metrics = [...metricCounts.keys()].sort(byCountThenName(metricCounts));
  const params = [...paramCounts.keys()].sort((a, b) => Number((distinct.get(b) ?? 0) > 1) - Number((distinct.get(a) ?? 0) > 1) || byCountThenName(paramCounts)(a, b));

  const pinned = order && (order.entity === "metrics" || order.entity === "params") ? order : null;
  const pick = (kind: ColumnKind, keys: string[], limit: number): RunColumn[] => {
    const first = pinned?.entity === kind ? [pinned.key] : [];
    return [...new Set([...first, ...keys])].slice(0, Math.max(limit, first.length)).map((key) => ({ kind, key }));
  };
  return [...pick("metrics", metrics, limits.metrics), ...pick("params", params, limits.params)];
}
