// Which input columns an operator reads, so a scan can leave out the columns no operator above it
// needs (AppRequests has 41 columns; a summarize typically reads five).
import type { QueryOperator, ScalarExpr } from "../ast";

/** Needed column names, or undefined for "all of them". */
export type ColumnNeeds = ReadonlySet<string> | undefined;

function addReferences(expr: ScalarExpr, into: Set<string>): void {
  switch (expr.kind) {
    case "column":
      into.add(expr.name);
      return;
    case "literal":
    case "variable":
    case "toscalar":
    case "aggregate-result":
      return;
    case "logical":
    case "compare":
    case "arithmetic":
    case "string-match":
      addReferences(expr.left, into);
      addReferences(expr.right, into);
      return;
    case "negate":
      addReferences(expr.operand, into);
      return;
    case "in":
      [expr.operand, ...expr.items].forEach((item) => addReferences(item, into));
      return;
    case "between":
      [expr.operand, expr.low, expr.high].forEach((item) => addReferences(item, into));
      return;
    case "call":
      expr.args.forEach((arg) => addReferences(arg, into));
      return;
    case "member":
      addReferences(expr.target, into);
      addReferences(expr.key, into);
      return;
  }
}

function referencesOf(exprs: ScalarExpr[]): Set<string> {
  const names = new Set<string>();
  for (const expr of exprs) addReferences(expr, names);
  return names;
}

const union = (needs: ColumnNeeds, more: Set<string>): ColumnNeeds => (needs === undefined ? undefined : new Set([...needs, ...more]));

/** The columns an operator needs from its input, given what is needed from its output. */
export function inputNeeds(operator: QueryOperator, outputNeeds: ColumnNeeds): ColumnNeeds {
  switch (operator.kind) {
    case "where":
      return union(outputNeeds, referencesOf([operator.predicate]));
    case "extend":
      return union(outputNeeds, referencesOf(operator.assignments.map(({ expr }) => expr)));
    case "sort":
      return union(outputNeeds, referencesOf(operator.keys.map(({ expr }) => expr)));
    case "top":
      return union(outputNeeds, referencesOf([operator.key.expr]));
    case "take":
    case "project-away":
      return outputNeeds;
    case "project-rename":
      return union(outputNeeds, new Set(operator.renames.map(({ from }) => from)));
    case "project":
    case "distinct":
      return referencesOf(operator.columns.map(({ expr }) => expr));
    case "count":
      return new Set();
    case "summarize": {
      const names = referencesOf([...operator.by.map(({ expr }) => expr), ...operator.aggregates.flatMap((call) => call.args)]);
      // arg_max / arg_min carry other columns of the winning row, by name.
      for (const call of operator.aggregates) {
        if (call.name === "arg_max" || call.name === "arg_min") call.outputs.forEach((output) => names.add(output.name));
      }
      return names;
    }
    case "make-series":
      return referencesOf([operator.axis, ...operator.by.map(({ expr }) => expr), ...operator.aggregates.flatMap(({ call }) => call.args)]);
    case "join":
      return undefined;
  }
}
