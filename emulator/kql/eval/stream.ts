// What operators consume and produce: rows streamed lazily with their columns, plus what an
// operator needs to compile expressions and run sub-queries.
import type { ColumnSchema, Row, TabularExpr } from "../ast";
import { QueryLimitError } from "../errors";
import type { CompileContext } from "./compile-scalar";

export interface RowStream {
  columns: readonly ColumnSchema[];
  rows: Iterable<Row>;
}

export interface OperatorContext {
  /** Everything of a compile context but the columns, which each operator knows. */
  compile: Omit<CompileContext, "columns">;
  /** Runs a tabular sub-expression (join's right side). */
  run(expr: TabularExpr): RowStream;
}

/** Operators that hold rows (sort, join, distinct, make-series) stop beyond this, keeping memory small. */
export const MAX_BUFFERED_ROWS = 200_000;

export function compileContextFor(context: OperatorContext, columns: readonly ColumnSchema[]): CompileContext {
  return { ...context.compile, columns };
}

/** Counts rows an operator holds and refuses to hold more than MAX_BUFFERED_ROWS. */
export class BufferBudget {
  private held = 0;

  constructor(private readonly operator: string) {}

  take(count = 1): void {
    this.held += count;
    if (this.held > MAX_BUFFERED_ROWS) {
      throw new QueryLimitError(
        "E_RUNAWAY_QUERY",
        `The ${this.operator} needs more than ${MAX_BUFFERED_ROWS} rows in memory; filter or summarize before it.`,
      );
    }
  }
}
