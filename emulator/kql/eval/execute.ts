// Runs a Query over table sources: evaluates lets, streams each pipe through its operator, pushes
// time filters down to the scans, applies the request's timespan, and caps the result as Log
// Analytics does (500,000 rows).
import type { ColumnSchema, Query, Row, TabularExpr, Value } from "../ast";
import { QueryLimitError, unsupported } from "../errors";
import { inputNeeds, type ColumnNeeds } from "./column-needs";
import { compileScalar, type CompileContext } from "./compile-scalar";
import { join } from "./operators/join";
import { makeSeries } from "./operators/make-series";
import { sort, sortRows, top } from "./operators/ordering";
import { count, distinct, extend, project, projectAway, projectRename, rowCount, take, where } from "./operators/row-operators";
import { summarize } from "./operators/summarize";
import type { OperatorContext, RowStream } from "./stream";
import { ALL_TIME, intersect, TIME_COLUMN, type TableSource, type TimeRange } from "./table-source";
import { timeBoundsOf } from "./time-bounds";

export const MAX_RESULT_ROWS = 500_000;

export interface ExecuteOptions {
  sources: Readonly<Record<string, TableSource>>;
  /** now() and ago() of the query. */
  nowMs: number;
  /** The request's timespan: rows outside it do not exist for the query. */
  timespan?: TimeRange;
}

export interface QueryResult {
  columns: ColumnSchema[];
  rows: Row[];
  /** Set when the result is incomplete: too many rows (the rest dropped) or a runaway operator (rows so far). */
  partial?: { code: QueryLimitError["limitCode"]; message: string };
}

class QueryRun implements OperatorContext {
  readonly compile: Omit<CompileContext, "columns">;
  private readonly variables = new Map<string, Value>();
  private readonly tabularLets = new Map<string, TabularExpr>();
  private readonly scalarResults = new WeakMap<TabularExpr, Value>();

  constructor(
    query: Query,
    private readonly options: ExecuteOptions,
  ) {
    this.compile = { variables: this.variables, nowMs: options.nowMs, scalarQuery: (expr) => this.scalar(expr) };
    for (const binding of query.lets) {
      if (binding.kind === "tabular") this.tabularLets.set(binding.name, binding.expr);
      else this.variables.set(binding.name, compileScalar(binding.expr, { ...this.compile, columns: [] })([]));
    }
  }

  /**
   * The rows of a tabular expression. `timeHint`: only rows in it can pass the where clauses above;
   * `needs`: the columns anything above reads (undefined: all).
   */
  run(expr: TabularExpr, timeHint: TimeRange = ALL_TIME, needs?: ColumnNeeds): RowStream {
    switch (expr.kind) {
      case "table":
        return this.scan(expr, timeHint, needs);
      case "tabular-variable": {
        const bound = this.tabularLets.get(expr.name);
        if (!bound) throw unsupported(`the tabular name '${expr.name}'`);
        return this.run(bound, timeHint, needs);
      }
      case "pipe":
        return { columns: expr.columns, rows: this.pipe(expr, timeHint, needs) };
    }
  }

  private scan(expr: Extract<TabularExpr, { kind: "table" }>, timeHint: TimeRange, needs: ColumnNeeds): RowStream {
    const source = this.options.sources[expr.name];
    if (!source) throw unsupported(`the table '${expr.name}' (the emulator does not generate it)`);
    const declared = expr.columns.map((column) => column.name).join(",");
    if (source.columns.map((column) => column.name).join(",") !== declared) throw unsupported(`the columns of '${expr.name}'`);
    const timeIndex = source.columns.findIndex((column) => column.name === TIME_COLUMN);
    // A table without TimeGenerated (test fixtures) is neither pruned nor limited by the timespan.
    const timespan = timeIndex >= 0 ? this.options.timespan : undefined;
    const range = timeIndex < 0 ? ALL_TIME : timespan ? intersect(timeHint, timespan) : timeHint;
    const rows = source.scan(range, needs && new Set([...needs, TIME_COLUMN]));
    if (!timespan) return { columns: source.columns, rows };
    return {
      columns: source.columns,
      rows: (function* () {
        for (const row of rows) {
          const time = row[timeIndex];
          if (typeof time === "number" && time >= timespan.from && time <= timespan.to) yield row;
        }
      })(),
    };
  }

  private pipe(expr: Extract<TabularExpr, { kind: "pipe" }>, timeHint: TimeRange, needs: ColumnNeeds): Iterable<Row> {
    const { operator } = expr;
    const needed = inputNeeds(operator, needs);
    if (operator.kind === "where") {
      const bounds = timeBoundsOf(operator.predicate, TIME_COLUMN, this.compile);
      return where(this.run(expr.input, intersect(timeHint, bounds), needed), operator, this);
    }
    // sort | take: keep only the first N while reading.
    const sorted = expr.input;
    if (operator.kind === "take" && sorted.kind === "pipe" && sorted.operator.kind === "sort") {
      return sortRows(this.run(sorted.input, ALL_TIME, inputNeeds(sorted.operator, needed)), sorted.operator.keys, this, rowCount(operator.count, this));
    }
    const input = this.run(expr.input, ALL_TIME, needed);
    switch (operator.kind) {
      case "extend":
        return extend(input, operator, this, expr.columns);
      case "project":
        return project(input, operator, this);
      case "project-away":
        return projectAway(input, operator);
      case "project-rename":
        return projectRename(input, operator);
      case "summarize":
        return summarize(input, operator, this);
      case "sort":
        return sort(input, operator, this);
      case "top":
        return top(input, operator, this);
      case "take":
        return take(input, operator, this);
      case "count":
        return count(input);
      case "distinct":
        return distinct(input, operator, this);
      case "join":
        return join(input, operator, this, expr.columns);
      case "make-series":
        return makeSeries(input, operator, this);
    }
  }

  private scalar(expr: TabularExpr): Value {
    if (!this.scalarResults.has(expr)) {
      let value: Value = null;
      for (const row of this.run(expr).rows) {
        value = row[0] ?? null;
        break;
      }
      this.scalarResults.set(expr, value);
    }
    return this.scalarResults.get(expr)!;
  }
}

export function executeQuery(query: Query, options: ExecuteOptions): QueryResult {
  const run = new QueryRun(query, options);
  const rows: Row[] = [];
  try {
    for (const row of run.run(query.body).rows) {
      if (rows.length >= MAX_RESULT_ROWS) {
        throw new QueryLimitError("E_QUERY_RESULT_SET_TOO_LARGE", `The result has more than ${MAX_RESULT_ROWS} rows; the rest were dropped.`);
      }
      rows.push(row);
    }
  } catch (error) {
    if (!(error instanceof QueryLimitError)) throw error;
    return { columns: query.body.columns, rows, partial: { code: error.limitCode, message: error.message } };
  }
  return { columns: query.body.columns, rows };
}
