// tostring, toint, tolong, todouble/toreal, tobool, todatetime, totimespan, todynamic/parse_json.
import type { Value } from "../../ast";
import { toBoolean, toDatetime, toKqlString, toNumber, toTimespan } from "../values";
import { unary, type FunctionBuilder } from "./function-types";

const toInteger = (value: Value) => {
  const number = toNumber(value);
  return number === null ? null : Math.trunc(number);
};

const toDynamic = (value: Value): Value => {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as Value;
  } catch {
    return value;
  }
};

export const CONVERSION_FUNCTIONS: Record<string, FunctionBuilder> = {
  tostring: unary((value, arg) => toKqlString(value, arg.type)),
  toint: unary(toInteger),
  tolong: unary(toInteger),
  todouble: unary(toNumber),
  toreal: unary(toNumber),
  todecimal: unary(toNumber),
  tobool: unary(toBoolean),
  toboolean: unary(toBoolean),
  todatetime: unary(toDatetime),
  totimespan: unary(toTimespan),
  todynamic: unary(toDynamic),
  parse_json: unary(toDynamic),
};
