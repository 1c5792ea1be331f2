// Scalar expressions: Kusto syntax → ScalarExpr, typed by the analyzer. Names resolve as the
// analyzer bound them (column or let variable); aggregates are only taken where a scope collects them.
import type { AggregateCall, ArithmeticOperator, ComparisonOperator, ScalarExpr, StringOperator, TabularExpr } from "../ast";
import { KqlError, unsupported } from "../errors";
import { isAggregateFunction } from "../eval/aggregates";
import { referencedSymbolKind, type KSyntax } from "./kusto-library";
import { LITERAL_KINDS, literalValue } from "./literals";
import { child, columnsOf, elements, kindOf, requiredChild, scalarType, simpleName, snippet } from "./syntax";

export interface ScalarScope {
  /** Receives the aggregate calls of a summarize output; undefined where aggregates are not allowed. */
  aggregates?: AggregateCall[];
  translateTabular(node: KSyntax): TabularExpr;
}

const LOGICAL: Record<string, "and" | "or"> = { AndExpression: "and", OrExpression: "or" };

const COMPARISONS: Record<string, ComparisonOperator> = {
  EqualExpression: "==",
  NotEqualExpression: "!=",
  EqualTildeExpression: "=~",
  BangTildeExpression: "!~",
  LessThanExpression: "<",
  LessThanOrEqualExpression: "<=",
  GreaterThanExpression: ">",
  GreaterThanOrEqualExpression: ">=",
};

const ARITHMETIC: Record<string, ArithmeticOperator> = {
  AddExpression: "+",
  SubtractExpression: "-",
  MultiplyExpression: "*",
  DivideExpression: "/",
  ModuloExpression: "%",
};

const STRING_MATCHES: Record<string, { op: StringOperator; negated: boolean }> = {};
for (const [stem, op] of [
  ["Has", "has"],
  ["Contains", "contains"],
  ["StartsWith", "startswith"],
  ["EndsWith", "endswith"],
] as const) {
  STRING_MATCHES[`${stem}Expression`] = { op, negated: false };
  STRING_MATCHES[`Not${stem}Expression`] = { op, negated: true };
  STRING_MATCHES[`${stem}CsExpression`] = { op: `${op}_cs`, negated: false };
  STRING_MATCHES[`Not${stem}CsExpression`] = { op: `${op}_cs`, negated: true };
}
STRING_MATCHES.MatchesRegexExpression = { op: "matches regex", negated: false };

// The parser's naming: InCs is `in~` (case-insensitive), plain In is the case-sensitive `in`.
const IN_LISTS: Record<string, { negated: boolean; caseSensitive: boolean }> = {
  InExpression: { negated: false, caseSensitive: true },
  NotInExpression: { negated: true, caseSensitive: true },
  InCsExpression: { negated: false, caseSensitive: false },
  NotInCsExpression: { negated: true, caseSensitive: false },
};

export function translateScalar(node: KSyntax, scope: ScalarScope): ScalarExpr {
  const kind = kindOf(node);
  const sub = (property: string) => translateScalar(requiredChild(node, property), scope);
  if (LITERAL_KINDS.has(kind)) return { kind: "literal", type: scalarType(node), value: literalValue(node) };
  if (kind === "ParenthesizedExpression") return sub("Expression");
  if (kind === "NameReference") return translateName(node);
  if (LOGICAL[kind]) return { kind: "logical", type: "bool", op: LOGICAL[kind], left: sub("Left"), right: sub("Right") };
  if (COMPARISONS[kind]) return { kind: "compare", type: "bool", op: COMPARISONS[kind], left: sub("Left"), right: sub("Right") };
  if (ARITHMETIC[kind]) return { kind: "arithmetic", type: scalarType(node), op: ARITHMETIC[kind], left: sub("Left"), right: sub("Right") };
  if (STRING_MATCHES[kind]) return { kind: "string-match", type: "bool", ...STRING_MATCHES[kind], left: sub("Left"), right: sub("Right") };
  if (IN_LISTS[kind]) {
    const items = elements(child(requiredChild(node, "Right"), "Expressions")).map((item) => translateScalar(item, scope));
    return { kind: "in", type: "bool", ...IN_LISTS[kind], operand: sub("Left"), items };
  }
  switch (kind) {
    case "UnaryMinusExpression":
      return { kind: "negate", type: scalarType(node), operand: sub("Expression") };
    case "UnaryPlusExpression":
      return sub("Expression");
    case "BetweenExpression":
    case "NotBetweenExpression": {
      const range = requiredChild(node, "Right");
      return {
        kind: "between",
        type: "bool",
        negated: kind === "NotBetweenExpression",
        operand: sub("Left"),
        low: translateScalar(requiredChild(range, "First"), scope),
        high: translateScalar(requiredChild(range, "Second"), scope),
      };
    }
    case "FunctionCallExpression":
      return translateCall(node, scope);
    case "PathExpression":
      return translateMember(node, scope, { kind: "literal", type: "string", value: simpleName(requiredChild(node, "Selector")) });
    case "ElementExpression":
      return translateMember(node, scope, translateScalar(requiredChild(requiredChild(node, "Selector"), "Expression"), scope));
    case "ToScalarExpression":
      return { kind: "toscalar", type: scalarType(node), query: scope.translateTabular(requiredChild(node, "Expression")) };
    default:
      throw unsupported(`the expression '${snippet(node)}' (${kind})`);
  }
}

function translateName(node: KSyntax): ScalarExpr {
  const name = simpleName(node);
  const bound = referencedSymbolKind(node);
  if (bound === "Column") return { kind: "column", type: scalarType(node), name };
  if (bound === "Variable") return { kind: "variable", type: scalarType(node), name };
  throw unsupported(`the name '${name}' used as a value (it refers to a ${bound?.toLowerCase() ?? "unknown symbol"})`);
}

function translateMember(node: KSyntax, scope: ScalarScope, key: ScalarExpr): ScalarExpr {
  const targetNode = requiredChild(node, "Expression");
  const target = translateScalar(targetNode, scope);
  if (target.type !== "dynamic") throw unsupported(`member access on a ${target.type} value ('${snippet(node)}')`);
  return { kind: "member", type: "dynamic", target, key };
}

/** The argument nodes of a call. */
export function callArguments(node: KSyntax): KSyntax[] {
  return elements(child(requiredChild(node, "ArgumentList"), "Expressions"));
}

export function calledName(node: KSyntax): string {
  return simpleName(requiredChild(node, "Name")).toLowerCase();
}

function translateCall(node: KSyntax, scope: ScalarScope): ScalarExpr {
  const name = calledName(node);
  if (isAggregateFunction(name)) {
    if (!scope.aggregates) throw new KqlError("SemanticError", `The aggregate ${name}() can only be used in summarize or make-series.`);
    const call = translateAggregateCall(node, { ...scope, aggregates: undefined });
    scope.aggregates.push(call);
    if (call.outputs.length !== 1) throw unsupported(`${name}() inside an expression; use it on its own in summarize`);
    return { kind: "aggregate-result", type: call.type, slot: scope.aggregates.length - 1 };
  }
  const args = callArguments(node).map((argument) => translateScalar(argument, scope));
  return { kind: "call", type: scalarType(node), name, args };
}

/** An aggregate call; `*` in arg_max/arg_min yields the carried columns the analyzer listed. */
export function translateAggregateCall(node: KSyntax, scope: ScalarScope): AggregateCall {
  const name = calledName(node);
  const args = callArguments(node)
    .filter((argument) => kindOf(argument) !== "StarExpression")
    .map((argument) => translateScalar(argument, scope));
  const result = node.ResultType;
  const outputs = result?.Columns ? columnsOf(result, node) : [{ name: "", type: scalarType(node) }];
  return { name, args, type: outputs[0]!.type, outputs };
}
