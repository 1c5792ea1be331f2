// join on one key: inner, innerunique (Kusto's default: one left row per key) and leftouter.
// The right side is held in a hash table; the left side streams.
import type { ColumnSchema, QueryOperator, Row, Value } from "../../ast";
import { unsupported } from "../../errors";
import { columnIndex } from "../compile-scalar";
import { BufferBudget, type OperatorContext, type RowStream } from "../stream";
import { groupKey } from "../values";

type Join = Extract<QueryOperator, { kind: "join" }>;

/** Fill for the right side of an unmatched leftouter row: "" for strings (never null in Kusto), else null. */
function emptyRow(columns: readonly ColumnSchema[]): Row {
  return columns.map((column): Value => (column.type === "string" ? "" : null));
}

export function* join(left: RowStream, operator: Join, context: OperatorContext, output: readonly ColumnSchema[]): Iterable<Row> {
  const right = context.run(operator.right);
  if (output.length !== left.columns.length + right.columns.length) throw unsupported("this join's result columns");
  const leftIndex = columnIndex(left.columns, operator.leftKey);
  const rightIndex = columnIndex(right.columns, operator.rightKey);

  const byKey = new Map<unknown, Row[]>();
  const budget = new BufferBudget("join");
  for (const row of right.rows) {
    const value = row[rightIndex] ?? null;
    if (value === null) continue;
    budget.take();
    const key = groupKey([value]);
    const matches = byKey.get(key);
    if (matches) matches.push(row);
    else byKey.set(key, [row]);
  }

  const seenLeftKeys = new Set<unknown>();
  const unmatched = emptyRow(right.columns);
  for (const row of left.rows) {
    const value = row[leftIndex] ?? null;
    const key = value === null ? undefined : groupKey([value]);
    if (operator.joinKind === "innerunique") {
      if (key === undefined || seenLeftKeys.has(key)) continue;
      seenLeftKeys.add(key);
    }
    const matches = key === undefined ? undefined : byKey.get(key);
    if (matches) for (const match of matches) yield [...row, ...match];
    else if (operator.joinKind === "leftouter") yield [...row, ...unmatched];
  }
}
