// Where rows come from: a table's declared columns and a scan over a time range, so generated
// tables only produce the time buckets a query can see.
import type { ColumnSchema, Row } from "../ast";

/** Epoch milliseconds, both ends included. */
export interface TimeRange {
  from: number;
  to: number;
}

/** The column every Log Analytics table has: the request's timespan and time filters apply to it. */
export const TIME_COLUMN = "TimeGenerated";

export const ALL_TIME: TimeRange = { from: -8.64e15, to: 8.64e15 };

export interface TableSource {
  /** Columns in declared order; scanned rows hold values in this order. */
  columns: readonly ColumnSchema[];
  /**
   * Every row whose TimeGenerated is in the range; rows outside it may be included (the engine
   * filters them). Columns not in `columns` (when given) may be left null: no operator reads them.
   */
  scan(range: TimeRange, columns?: ReadonlySet<string>): Iterable<Row>;
}

export function intersect(a: TimeRange, b: TimeRange): TimeRange {
  return { from: Math.max(a.from, b.from), to: Math.min(a.to, b.to) };
}
