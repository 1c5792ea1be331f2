// sort / order by, top, and sort followed by take (run as a top-N so that only N rows are held).
import type { QueryOperator, Row, SortKey } from "../../ast";
import { compileScalar } from "../compile-scalar";
import { BufferBudget, compileContextFor, type OperatorContext, type RowStream } from "../stream";
import { sortOrder } from "../values";
import { rowCount } from "./row-operators";

type Decorated = { keys: Row; row: Row; position: number };

function comparatorFor(keys: SortKey[]): (a: Decorated, b: Decorated) => number {
  return (a, b) => {
    for (let index = 0; index < keys.length; index++) {
      const { descending, nullsFirst } = keys[index]!;
      const left = a.keys[index] ?? null;
      const right = b.keys[index] ?? null;
      if (left === null || right === null) {
        if (left === right) continue;
        return (left === null) === nullsFirst ? -1 : 1;
      }
      const order = sortOrder(left, right);
      if (order !== 0) return descending ? -order : order;
    }
    return a.position - b.position;
  };
}

/** Sorted rows; with a limit, only the best `limit` rows are kept while reading. */
export function* sortRows(input: RowStream, keys: SortKey[], context: OperatorContext, limit?: number): Iterable<Row> {
  const rowContext = compileContextFor(context, input.columns);
  const evaluators = keys.map((key) => compileScalar(key.expr, rowContext));
  const compare = comparatorFor(keys);
  const budget = new BufferBudget(limit === undefined ? "sort" : "top");
  let buffer: Decorated[] = [];
  let position = 0;
  for (const row of input.rows) {
    buffer.push({ keys: evaluators.map((evaluate) => evaluate(row)), row, position: position++ });
    if (limit === undefined) budget.take();
    else if (buffer.length >= Math.max(2 * limit, 1024)) buffer = buffer.sort(compare).slice(0, limit);
  }
  buffer.sort(compare);
  if (limit !== undefined) buffer = buffer.slice(0, limit);
  for (const item of buffer) yield item.row;
}

export function sort(input: RowStream, operator: Extract<QueryOperator, { kind: "sort" }>, context: OperatorContext): Iterable<Row> {
  return sortRows(input, operator.keys, context);
}

export function top(input: RowStream, operator: Extract<QueryOperator, { kind: "top" }>, context: OperatorContext): Iterable<Row> {
  return sortRows(input, [operator.key], context, rowCount(operator.count, context));
}
