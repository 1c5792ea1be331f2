// What a scalar function implementation receives: its compiled arguments (evaluated lazily, so
// iff and case only compute the branch they return) and the call's result type.
import type { KustoType } from "../../../../lib/telemetry/contract";
import type { Row, Value } from "../../ast";

export type Evaluator = (row: Row) => Value;

export interface CompiledArg {
  evaluate: Evaluator;
  type: KustoType;
}

export interface CallInfo {
  name: string;
  /** The result type the analyzer gave the call. */
  type: KustoType;
  /** now() of the query. */
  nowMs: number;
}

export type FunctionBuilder = (args: CompiledArg[], call: CallInfo) => Evaluator;

/** The argument at a position; the analyzer has already checked arity, this keeps the types honest. */
export function argument(args: CompiledArg[], index: number, call: CallInfo): CompiledArg {
  const found = args[index];
  if (!found) throw new Error(`${call.name}() is missing argument ${index + 1}`);
  return found;
}

/** A builder for a function of one value. */
export function unary(apply: (value: Value, arg: CompiledArg, call: CallInfo) => Value): FunctionBuilder {
  return (args, call) => {
    const arg = argument(args, 0, call);
    return (row) => apply(arg.evaluate(row), arg, call);
  };
}
