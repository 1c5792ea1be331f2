// The scalar functions the emulator evaluates, by name. A call to any other function is refused
// with a SemanticError naming it.
import { CONDITIONAL_FUNCTIONS } from "./functions/conditionals";
import { CONVERSION_FUNCTIONS } from "./functions/conversions";
import { DATETIME_FUNCTIONS } from "./functions/datetime";
import type { FunctionBuilder } from "./functions/function-types";
import { TEXT_AND_MATH_FUNCTIONS } from "./functions/text-and-math";

export const SCALAR_FUNCTIONS: Readonly<Record<string, FunctionBuilder>> = {
  ...CONVERSION_FUNCTIONS,
  ...CONDITIONAL_FUNCTIONS,
  ...DATETIME_FUNCTIONS,
  ...TEXT_AND_MATH_FUNCTIONS,
};
