// Reads the time window a where clause imposes on the time column (TimeGenerated > ago(1d),
// between (...), ==), so a scan of a generated table can skip the buckets no row of which passes.
import type { ScalarExpr } from "../ast";
import { compileScalar, isConstant, type CompileContext } from "./compile-scalar";
import { ALL_TIME, intersect, type TimeRange } from "./table-source";

const FLIPPED: Record<string, string> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==" };

export function timeBoundsOf(predicate: ScalarExpr, timeColumn: string, context: Omit<CompileContext, "columns">): TimeRange {
  const constant = (expr: ScalarExpr): number | undefined => {
    if (!isConstant(expr)) return undefined;
    const value = compileScalar(expr, { ...context, columns: [] })([]);
    return typeof value === "number" ? value : undefined;
  };
  const isTime = (expr: ScalarExpr) => expr.kind === "column" && expr.name === timeColumn;

  const visit = (expr: ScalarExpr): TimeRange => {
    if (expr.kind === "logical" && expr.op === "and") return intersect(visit(expr.left), visit(expr.right));
    if (expr.kind === "compare") {
      const [op, other] = isTime(expr.left) ? [expr.op, expr.right] : isTime(expr.right) ? [FLIPPED[expr.op], expr.left] : [undefined, undefined];
      const bound = other && constant(other);
      if (op === undefined || bound === undefined) return ALL_TIME;
      if (op === ">" || op === ">=") return { from: bound, to: ALL_TIME.to };
      if (op === "<" || op === "<=") return { from: ALL_TIME.from, to: bound };
      if (op === "==") return { from: bound, to: bound };
      return ALL_TIME;
    }
    if (expr.kind === "between" && !expr.negated && isTime(expr.operand)) {
      const low = constant(expr.low);
      const high = constant(expr.high);
      if (low === undefined || high === undefined) return ALL_TIME;
      return { from: low, to: expr.high.type === "timespan" ? low + high : high };
    }
    return ALL_TIME;
  };
  return visit(predicate);
}
