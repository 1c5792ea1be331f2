// Compiles a ScalarExpr into a closure over rows, once per operator: column names become indices,
// expressions without columns (ago(1h), let values) are computed once, functions come from the registry.
import type { KustoType } from "../../../lib/telemetry/contract";
import type { ColumnSchema, Row, ScalarExpr, TabularExpr, Value } from "../ast";
import { unsupported } from "../errors";
import type { CompiledArg, Evaluator } from "./functions/function-types";
import { SCALAR_FUNCTIONS } from "./scalar-functions";
import { stringMatcher } from "./string-match";
import { orderValues, toKqlString, valuesEqual } from "./values";

export type { Evaluator };

export interface CompileContext {
  /** Columns of the rows the expression will see. */
  columns: readonly ColumnSchema[];
  /** Values of the query's scalar lets. */
  variables: ReadonlyMap<string, Value>;
  /** now() of the query: one instant for the whole query, as in Kusto. */
  nowMs: number;
  /** Runs a toscalar() sub-query. */
  scalarQuery(query: TabularExpr): Value;
}

export function columnIndex(columns: readonly ColumnSchema[], name: string): number {
  const index = columns.findIndex((column) => column.name === name);
  if (index < 0) throw unsupported(`a reference to the column '${name}' where the emulator cannot see it`);
  return index;
}

/** An expression that reads no column: computed once per query. */
export function isConstant(expr: ScalarExpr): boolean {
  switch (expr.kind) {
    case "literal":
    case "variable":
    case "toscalar":
      return true;
    case "column":
    case "aggregate-result":
      return false;
    case "logical":
    case "compare":
    case "arithmetic":
    case "string-match":
      return isConstant(expr.left) && isConstant(expr.right);
    case "negate":
      return isConstant(expr.operand);
    case "in":
      return isConstant(expr.operand) && expr.items.every(isConstant);
    case "between":
      return isConstant(expr.operand) && isConstant(expr.low) && isConstant(expr.high);
    case "call":
      return expr.args.every(isConstant);
    case "member":
      return isConstant(expr.target) && isConstant(expr.key);
  }
}

const EMPTY_ROW: Row = [];

export function compileScalar(expr: ScalarExpr, context: CompileContext): Evaluator {
  const evaluate = compileNode(expr, context);
  if (expr.kind !== "literal" && isConstant(expr)) {
    const value = evaluate(EMPTY_ROW);
    return () => value;
  }
  return evaluate;
}

function arithmetic(op: string, resultType: KustoType): (left: number, right: number) => number | null {
  const integral = resultType === "long" || resultType === "int";
  switch (op) {
    case "+":
      return (a, b) => a + b;
    case "-":
      return (a, b) => a - b;
    case "*":
      return (a, b) => a * b;
    case "/":
      return integral ? (a, b) => (b === 0 ? null : Math.trunc(a / b)) : (a, b) => a / b;
    default:
      return (a, b) => (b === 0 ? null : a % b);
  }
}

function compileNode(expr: ScalarExpr, context: CompileContext): Evaluator {
  const sub = (child: ScalarExpr) => compileScalar(child, context);
  switch (expr.kind) {
    case "literal": {
      const { value } = expr;
      return () => value;
    }
    case "column": {
      const index = columnIndex(context.columns, expr.name);
      return (row) => row[index] ?? null;
    }
    case "aggregate-result": {
      const { slot } = expr;
      return (row) => row[slot] ?? null;
    }
    case "variable": {
      if (!context.variables.has(expr.name)) throw unsupported(`the variable '${expr.name}' here`);
      const value = context.variables.get(expr.name)!;
      return () => value;
    }
    case "toscalar": {
      const value = context.scalarQuery(expr.query);
      return () => value;
    }
    case "logical": {
      const left = sub(expr.left);
      const right = sub(expr.right);
      return expr.op === "and" ? (row) => left(row) === true && right(row) === true : (row) => left(row) === true || right(row) === true;
    }
    case "compare":
      return compileComparison(expr.op, sub(expr.left), sub(expr.right));
    case "arithmetic": {
      const left = sub(expr.left);
      const right = sub(expr.right);
      const apply = arithmetic(expr.op, expr.type);
      return (row) => {
        const a = toNumericOperand(left(row));
        const b = toNumericOperand(right(row));
        return a === null || b === null ? null : apply(a, b);
      };
    }
    case "negate": {
      const operand = sub(expr.operand);
      return (row) => {
        const value = toNumericOperand(operand(row));
        return value === null ? null : -value;
      };
    }
    case "string-match": {
      const matches = stringMatcher(expr.op);
      const left = sub(expr.left);
      const right = sub(expr.right);
      const leftType = expr.left.type;
      const rightType = expr.right.type;
      return (row) => matches(toKqlString(left(row), leftType), toKqlString(right(row), rightType)) !== expr.negated;
    }
    case "in":
      return compileIn(expr, context);
    case "between":
      return compileBetween(expr, context);
    case "member": {
      const target = sub(expr.target);
      const key = sub(expr.key);
      return (row) => memberOf(target(row), key(row));
    }
    case "call":
      return compileCall(expr, context);
  }
}

/** Arithmetic reads numbers only: dynamic text is not silently converted. */
function toNumericOperand(value: Value): number | null {
  return typeof value === "number" ? value : null;
}

function memberOf(target: Value, key: Value): Value {
  if (target === null || typeof target !== "object") return null;
  if (Array.isArray(target)) {
    if (typeof key !== "number") return null;
    const index = key < 0 ? target.length + key : key;
    return (target[index] as Value | undefined) ?? null;
  }
  if (typeof key !== "string") return null;
  return Object.prototype.hasOwnProperty.call(target, key) ? ((target as Record<string, Value>)[key] ?? null) : null;
}

function compileComparison(op: string, left: Evaluator, right: Evaluator): Evaluator {
  switch (op) {
    case "==":
      return (row) => valuesEqual(left(row), right(row));
    case "!=":
      return (row) => {
        const equal = valuesEqual(left(row), right(row));
        return equal === null ? null : !equal;
      };
    case "=~":
    case "!~": {
      const negated = op === "!~";
      return (row) => {
        const a = left(row);
        const b = right(row);
        if (typeof a !== "string" || typeof b !== "string") return a === null || b === null ? null : negated;
        return (a.toLowerCase() === b.toLowerCase()) !== negated;
      };
    }
    default: {
      const test = op === "<" ? (n: number) => n < 0 : op === "<=" ? (n: number) => n <= 0 : op === ">" ? (n: number) => n > 0 : (n: number) => n >= 0;
      return (row) => {
        const order = orderValues(left(row), right(row));
        return order === null ? null : test(order);
      };
    }
  }
}

function compileIn(expr: Extract<ScalarExpr, { kind: "in" }>, context: CompileContext): Evaluator {
  const operand = compileScalar(expr.operand, context);
  const items = expr.items.map((item) => compileScalar(item, context));
  const normalize = (value: Value): Value => (!expr.caseSensitive && typeof value === "string" ? value.toLowerCase() : value);
  // Dynamic arrays in the list count as their elements, as in Kusto.
  const flatten = (values: Value[]) => values.flatMap((value) => (Array.isArray(value) ? (value as Value[]) : [value])).map(normalize);
  const constantSet = expr.items.every(isConstant) ? new Set(flatten(items.map((item) => item(EMPTY_ROW)))) : undefined;
  return (row) => {
    const value = operand(row);
    if (value === null) return null;
    const set = constantSet ?? new Set(flatten(items.map((item) => item(row))));
    return set.has(normalize(value)) !== expr.negated;
  };
}

function compileBetween(expr: Extract<ScalarExpr, { kind: "between" }>, context: CompileContext): Evaluator {
  const operand = compileScalar(expr.operand, context);
  const low = compileScalar(expr.low, context);
  const high = compileScalar(expr.high, context);
  // `datetime between (start .. timespan)` means start to start + timespan.
  const highIsOffset = expr.operand.type === "datetime" && expr.high.type === "timespan";
  return (row) => {
    const value = operand(row);
    const from = low(row);
    let to = high(row);
    if (highIsOffset && typeof from === "number" && typeof to === "number") to += from;
    const above = orderValues(value, from);
    const below = orderValues(value, to);
    if (above === null || below === null) return null;
    return (above >= 0 && below <= 0) !== expr.negated;
  };
}

function compileCall(expr: Extract<ScalarExpr, { kind: "call" }>, context: CompileContext): Evaluator {
  const build = SCALAR_FUNCTIONS[expr.name];
  if (!build) throw unsupported(`the function ${expr.name}()`);
  const args: CompiledArg[] = expr.args.map((arg) => ({ evaluate: compileScalar(arg, context), type: arg.type }));
  return build(args, { type: expr.type, name: expr.name, nowMs: context.nowMs });
}
