// Strings (strcat, strlen, tolower, toupper, substring), numbers (round, abs, ceiling, sqrt, log,
// log10, exp, pow, min_of, max_of) and array_length.
import type { Value } from "../../ast";
import { toKqlString, toNumber } from "../values";
import { argument, unary, type CompiledArg, type FunctionBuilder } from "./function-types";

/** A builder for a numeric function of one argument; null in, null out. */
const numeric = (apply: (x: number) => number): FunctionBuilder =>
  unary((value) => {
    const x = toNumber(value);
    if (x === null) return null;
    const result = apply(x);
    return Number.isFinite(result) ? result : null;
  });

const text = (apply: (s: string) => Value): FunctionBuilder => unary((value, arg) => apply(toKqlString(value, arg.type)));

/** min_of / max_of: the extreme of the non-null numeric arguments. */
const extremeOf =
  (pick: (a: number, b: number) => number): FunctionBuilder =>
  (args: CompiledArg[]) =>
  (row) => {
    let best: number | null = null;
    for (const arg of args) {
      const value = toNumber(arg.evaluate(row));
      if (value !== null) best = best === null ? value : pick(best, value);
    }
    return best;
  };

export const TEXT_AND_MATH_FUNCTIONS: Record<string, FunctionBuilder> = {
  strcat: (args) => (row) => args.map((arg) => toKqlString(arg.evaluate(row), arg.type)).join(""),
  strlen: text((s) => s.length),
  tolower: text((s) => s.toLowerCase()),
  toupper: text((s) => s.toUpperCase()),
  substring: (args, call) => {
    const source = argument(args, 0, call);
    const start = argument(args, 1, call);
    const length = args[2];
    return (row) => {
      const s = toKqlString(source.evaluate(row), source.type);
      const from = Math.max(0, toNumber(start.evaluate(row)) ?? 0);
      const count = length ? toNumber(length.evaluate(row)) : null;
      return count === null ? s.slice(from) : s.slice(from, from + Math.max(0, count));
    };
  },
  round: (args, call) => {
    const value = argument(args, 0, call);
    const digits = args[1];
    return (row) => {
      const x = toNumber(value.evaluate(row));
      if (x === null) return null;
      const scale = 10 ** (digits ? (toNumber(digits.evaluate(row)) ?? 0) : 0);
      // Half away from zero, as Kusto rounds.
      return (Math.sign(x) * Math.round(Math.abs(x) * scale)) / scale;
    };
  },
  abs: numeric(Math.abs),
  ceiling: numeric(Math.ceil),
  sqrt: numeric(Math.sqrt),
  log: numeric(Math.log),
  log10: numeric(Math.log10),
  exp: numeric(Math.exp),
  pow: (args, call) => {
    const base = argument(args, 0, call);
    const exponent = argument(args, 1, call);
    return (row) => {
      const x = toNumber(base.evaluate(row));
      const y = toNumber(exponent.evaluate(row));
      return x === null || y === null ? null : x ** y;
    };
  },
  min_of: extremeOf(Math.min),
  max_of: extremeOf(Math.max),
  array_length: unary((value) => (Array.isArray(value) ? value.length : null)),
};
