// Operators that stream row by row: where, extend, project, project-away, project-rename, take,
// count and distinct.
import type { ColumnSchema, NamedExpr, QueryOperator, Row, ScalarExpr } from "../../ast";
import { unsupported } from "../../errors";
import { columnIndex, compileScalar } from "../compile-scalar";
import { BufferBudget, compileContextFor, type OperatorContext, type RowStream } from "../stream";
import { groupKey, toNumber } from "../values";

type Operator<K extends QueryOperator["kind"]> = Extract<QueryOperator, { kind: K }>;

export function* where(input: RowStream, operator: Operator<"where">, context: OperatorContext): Iterable<Row> {
  const test = compileScalar(operator.predicate, compileContextFor(context, input.columns));
  for (const row of input.rows) if (test(row) === true) yield row;
}

/** Each assignment sees the columns of the ones before it (extend a = 1, b = a + 1). */
export function extend(input: RowStream, operator: Operator<"extend">, context: OperatorContext, output: readonly ColumnSchema[]): Iterable<Row> {
  const columns = [...input.columns];
  const steps = operator.assignments.map(({ name, expr }) => {
    const evaluate = compileScalar(expr, compileContextFor(context, [...columns]));
    let index = columns.findIndex((column) => column.name === name);
    if (index < 0) index = columns.push({ name, type: expr.type }) - 1;
    return { index, evaluate };
  });
  if (columns.map((column) => column.name).join("\u0000") !== output.map((column) => column.name).join("\u0000")) {
    throw unsupported("this extend (its columns differ from Kusto's)");
  }
  return (function* () {
    for (const row of input.rows) {
      const next = row.slice();
      for (const step of steps) next[step.index] = step.evaluate(next);
      yield next;
    }
  })();
}

/** Evaluates named expressions into new rows (project, and distinct's keys). */
function projector(input: RowStream, columns: NamedExpr[], context: OperatorContext): (row: Row) => Row {
  const compiled = columns.map(({ expr }) => compileScalar(expr, compileContextFor(context, input.columns)));
  return (row) => compiled.map((evaluate) => evaluate(row));
}

export function* project(input: RowStream, operator: Operator<"project">, context: OperatorContext): Iterable<Row> {
  const toRow = projector(input, operator.columns, context);
  for (const row of input.rows) yield toRow(row);
}

export function* projectAway(input: RowStream, operator: Operator<"project-away">): Iterable<Row> {
  const removed = new Set(operator.names.map((name) => columnIndex(input.columns, name)));
  const kept = input.columns.map((_, index) => index).filter((index) => !removed.has(index));
  for (const row of input.rows) yield kept.map((index) => row[index] ?? null);
}

/** project-rename only changes names; the pipe node already carries the renamed columns. */
export function projectRename(input: RowStream, operator: Operator<"project-rename">): Iterable<Row> {
  for (const rename of operator.renames) columnIndex(input.columns, rename.from);
  return input.rows;
}

/** The value of a take/top count: a constant non-negative integer. */
export function rowCount(expr: ScalarExpr, context: OperatorContext): number {
  const count = toNumber(compileScalar(expr, compileContextFor(context, []))([]));
  if (count === null || count < 0) throw unsupported(`a row count that is not a non-negative number`);
  return Math.floor(count);
}

export function* take(input: RowStream, operator: Operator<"take">, context: OperatorContext): Iterable<Row> {
  const limit = rowCount(operator.count, context);
  if (limit === 0) return;
  let taken = 0;
  for (const row of input.rows) {
    yield row;
    if (++taken >= limit) return;
  }
}

export function* count(input: RowStream): Iterable<Row> {
  let rows = 0;
  for (const _row of input.rows) rows++;
  yield [rows];
}

export function* distinct(input: RowStream, operator: Operator<"distinct">, context: OperatorContext): Iterable<Row> {
  const toRow = projector(input, operator.columns, context);
  const seen = new Set<unknown>();
  const budget = new BufferBudget("distinct");
  for (const row of input.rows) {
    const projected = toRow(row);
    const key = groupKey(projected);
    if (seen.has(key)) continue;
    budget.take();
    seen.add(key);
    yield projected;
  }
}
