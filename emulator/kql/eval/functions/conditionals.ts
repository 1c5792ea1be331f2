// iff/iif, case, not, null and emptiness tests, coalesce.
import type { Value } from "../../ast";
import { toBoolean } from "../values";
import { argument, unary, type FunctionBuilder } from "./function-types";

const isEmpty = (value: Value) => value === null || value === "";

const iff: FunctionBuilder = (args, call) => {
  const [condition, then, otherwise] = [0, 1, 2].map((index) => argument(args, index, call).evaluate);
  return (row) => (condition!(row) === true ? then!(row) : otherwise!(row));
};

export const CONDITIONAL_FUNCTIONS: Record<string, FunctionBuilder> = {
  iff,
  iif: iff,
  case: (args) => {
    const pairs = args.slice(0, -1);
    const otherwise = args.at(-1)!.evaluate;
    return (row) => {
      for (let index = 0; index + 1 < pairs.length; index += 2) {
        if (pairs[index]!.evaluate(row) === true) return pairs[index + 1]!.evaluate(row);
      }
      return otherwise(row);
    };
  },
  not: unary((value) => {
    const truth = toBoolean(value);
    return truth === null ? null : !truth;
  }),
  isnull: unary((value) => value === null),
  isnotnull: unary((value) => value !== null),
  isempty: unary(isEmpty),
  isnotempty: unary((value) => !isEmpty(value)),
  coalesce: (args) => (row) => {
    for (const arg of args) {
      const value = arg.evaluate(row);
      if (!isEmpty(value)) return value;
    }
    return args[0]?.type === "string" ? "" : null;
  },
};
