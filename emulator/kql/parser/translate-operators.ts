// Query operators: Kusto syntax → QueryOperator. Result column names come from the analyzer (the
// operator's result type), so auto-named columns (count_, sum_ItemCount, Properties_x) match Kusto.
import type { ColumnSchema, JoinKind, NamedExpr, QueryOperator, ScalarExpr, SortKey, SummarizeOutput, TabularExpr } from "../ast";
import { KqlError, unsupported } from "../errors";
import { isAggregateFunction } from "../eval/aggregates";
import { expressionResultName, type KSyntax } from "./kusto-library";
import { child, elements, kindOf, requiredChild, resultColumns, simpleName, snippet } from "./syntax";
import { calledName, translateAggregateCall, translateScalar, type ScalarScope } from "./translate-scalar";

/** `name = expr` or a bare expression. */
function unwrapNamed(node: KSyntax): { name?: string; expr: KSyntax } {
  const kind = kindOf(node);
  if (kind === "SimpleNamedExpression") return { name: simpleName(requiredChild(node, "Name")), expr: requiredChild(node, "Expression") };
  if (kind === "CompoundNamedExpression") throw unsupported(`naming several columns at once ('${snippet(node)}')`);
  return { expr: node };
}

/** Hands out the operator's result columns in order, checking that every one is accounted for. */
class ResultColumnCursor {
  private position = 0;

  constructor(
    private readonly columns: ColumnSchema[],
    private readonly operator: KSyntax,
  ) {}

  take(count = 1): ColumnSchema[] {
    const taken = this.columns.slice(this.position, this.position + count);
    this.position += count;
    if (taken.length !== count) throw this.mismatch();
    return taken;
  }

  done(): void {
    if (this.position !== this.columns.length) throw this.mismatch();
  }

  private mismatch(): KqlError {
    return unsupported(`the result columns of '${snippet(this.operator)}'`);
  }
}

/** The expressions of an operator's `by` clause; none without one. */
function byExpressions(node: KSyntax): KSyntax[] {
  const clause = child(node, "ByClause");
  return clause ? elements(child(clause, "Expressions")) : [];
}

const isAggregateCall = (node: KSyntax) => kindOf(node) === "FunctionCallExpression" && isAggregateFunction(calledName(node));

function translateSummarize(node: KSyntax, scope: ScalarScope): QueryOperator {
  const cursor = new ResultColumnCursor(resultColumns(node), node);
  const by: NamedExpr[] = byExpressions(node).map((item) => ({
    name: cursor.take()[0]!.name,
    expr: translateScalar(unwrapNamed(item).expr, scope),
  }));
  const aggregates: NonNullable<ScalarScope["aggregates"]> = [];
  const outputs: SummarizeOutput[] = elements(child(node, "Aggregates")).map((item) => {
    const { expr } = unwrapNamed(item);
    if (isAggregateCall(expr)) {
      const call = translateAggregateCall(expr, scope);
      call.outputs = cursor.take(call.outputs.length);
      aggregates.push(call);
      return { kind: "aggregate", slot: aggregates.length - 1 };
    }
    const translated = translateScalar(expr, { ...scope, aggregates });
    return { kind: "expression", expr: translated, column: cursor.take()[0]! };
  });
  cursor.done();
  return { kind: "summarize", aggregates, outputs, by };
}

function translateExtend(node: KSyntax, input: TabularExpr, scope: ScalarScope): QueryOperator {
  const inputNames = new Set(input.columns.map((column) => column.name));
  const items = elements(child(node, "Expressions")).map((item) => ({ ...unwrapNamed(item), node: item }));
  const named = items.map((item) => item.name ?? expressionResultName(item.node) ?? undefined);
  // Expressions Kusto cannot name get the Column1, Column2… it appended, in order.
  const claimed = new Set(named.filter((name): name is string => name !== undefined));
  const generated = resultColumns(node).filter((column) => !inputNames.has(column.name) && !claimed.has(column.name));
  const assignments = items.map((item, index) => {
    const name = named[index] ?? generated.shift()?.name;
    if (!name) throw unsupported(`the result columns of '${snippet(node)}'`);
    return { name, expr: translateScalar(item.expr, scope) };
  });
  return { kind: "extend", assignments };
}

function translateProject(node: KSyntax, scope: ScalarScope): NamedExpr[] {
  const cursor = new ResultColumnCursor(resultColumns(node), node);
  const columns = elements(child(node, "Expressions")).map((item) => {
    if (kindOf(item) === "StarExpression") throw unsupported(`'*' in '${snippet(node)}'`);
    return { name: cursor.take()[0]!.name, expr: translateScalar(unwrapNamed(item).expr, scope) };
  });
  cursor.done();
  return columns;
}

function translateSortKey(node: KSyntax, scope: ScalarScope): SortKey {
  const ordered = kindOf(node) === "OrderedExpression";
  const ordering = ordered ? child(node, "Ordering") : null;
  const direction = ordering ? child(ordering, "AscOrDescKeyword")?.toString().trim().toLowerCase() : undefined;
  const descending = direction !== "asc";
  const nullsClause = ordering ? child(ordering, "NullsClause") : null;
  const nulls = nullsClause ? child(nullsClause, "FirstOrLastKeyword")?.toString().trim().toLowerCase() : undefined;
  return {
    expr: translateScalar(ordered ? requiredChild(node, "Expression") : node, scope),
    descending,
    // Kusto's defaults: nulls last when descending, first when ascending.
    nullsFirst: nulls ? nulls === "first" : !descending,
  };
}

function joinKindOf(node: KSyntax): JoinKind {
  for (const parameter of elements(child(node, "Parameters"))) {
    const name = simpleName(requiredChild(parameter, "Name")).toLowerCase();
    const value = requiredChild(parameter, "Expression").toString().trim().toLowerCase();
    if (name !== "kind") throw unsupported(`the join parameter '${name}'`);
    if (value === "inner" || value === "innerunique" || value === "leftouter") return value;
    throw unsupported(`join kind=${value} (supported: inner, innerunique, leftouter)`);
  }
  return "innerunique";
}

function joinKeys(node: KSyntax): { leftKey: string; rightKey: string } {
  const clause = requiredChild(node, "ConditionClause");
  if (kindOf(clause) !== "JoinOnClause") throw unsupported(`'${snippet(clause)}' (join needs 'on Key' or 'on $left.A == $right.B')`);
  const conditions = elements(child(clause, "Expressions"));
  if (conditions.length !== 1) throw unsupported(`a join on ${conditions.length} keys (one key is supported)`);
  const condition = conditions[0]!;
  if (kindOf(condition) === "NameReference") return { leftKey: simpleName(condition), rightKey: simpleName(condition) };
  if (kindOf(condition) !== "EqualExpression") throw unsupported(`the join condition '${snippet(condition)}'`);
  const side = (property: string, expected: string) => {
    const path = requiredChild(condition, property);
    const owner = kindOf(path) === "PathExpression" ? simpleName(requiredChild(path, "Expression")) : "";
    if (owner !== expected) throw unsupported(`the join condition '${snippet(condition)}' (write $left.A == $right.B)`);
    return simpleName(requiredChild(path, "Selector"));
  };
  return { leftKey: side("Left", "$left"), rightKey: side("Right", "$right") };
}

function translateMakeSeries(node: KSyntax, scope: ScalarScope): QueryOperator {
  const range = requiredChild(node, "RangeClause");
  if (kindOf(range) !== "MakeSeriesFromToStepClause") throw unsupported(`make-series '${snippet(range)}' (write: from A to B step S)`);
  const clauseExpr = (property: string) => {
    const clause = child(range, property);
    if (!clause) throw unsupported(`make-series without '${property.replace("MakeSeries", "").replace("Clause", "").toLowerCase()}'`);
    return translateScalar(requiredChild(clause, "Expression"), scope);
  };
  const cursor = new ResultColumnCursor(resultColumns(node), node);
  const by = byExpressions(node).map((item) => ({
    name: cursor.take()[0]!.name,
    expr: translateScalar(unwrapNamed(item).expr, scope),
  }));
  const aggregates = elements(child(node, "Aggregates")).map((item) => {
    const { expr } = unwrapNamed(requiredChild(item, "Expression"));
    if (!isAggregateCall(expr)) throw unsupported(`the make-series aggregate '${snippet(expr)}'`);
    const call = translateAggregateCall(expr, scope);
    call.outputs = cursor.take(call.outputs.length);
    const defaultClause = child(item, "DefaultExpression");
    const defaultValue: ScalarExpr | undefined = defaultClause ? translateScalar(requiredChild(defaultClause, "Expression"), scope) : undefined;
    return { call, defaultValue };
  });
  cursor.take();
  cursor.done();
  return {
    kind: "make-series",
    aggregates,
    axis: translateScalar(requiredChild(requiredChild(node, "OnClause"), "Expression"), scope),
    from: clauseExpr("MakeSeriesFromClause"),
    to: clauseExpr("MakeSeriesToClause"),
    step: clauseExpr("MakeSeriesStepClause"),
    by,
  };
}

export function translateOperator(node: KSyntax, input: TabularExpr, scope: ScalarScope): QueryOperator {
  const kind = kindOf(node);
  const expression = (property: string) => translateScalar(requiredChild(node, property), scope);
  switch (kind) {
    case "FilterOperator":
      return { kind: "where", predicate: expression("Condition") };
    case "ExtendOperator":
      return translateExtend(node, input, scope);
    case "ProjectOperator":
      return { kind: "project", columns: translateProject(node, scope) };
    case "ProjectAwayOperator":
      return {
        kind: "project-away",
        names: elements(child(node, "Expressions")).map((item) => {
          if (kindOf(item) !== "NameReference") throw unsupported(`'${snippet(item)}' in project-away (list column names)`);
          return simpleName(item);
        }),
      };
    case "ProjectRenameOperator":
      return {
        kind: "project-rename",
        renames: elements(child(node, "Expressions")).map((item) => {
          const { name, expr } = unwrapNamed(item);
          if (!name || kindOf(expr) !== "NameReference") throw unsupported(`'${snippet(item)}' in project-rename`);
          return { name, from: simpleName(expr) };
        }),
      };
    case "SummarizeOperator":
      return translateSummarize(node, scope);
    case "SortOperator":
      return { kind: "sort", keys: elements(child(node, "Expressions")).map((item) => translateSortKey(item, scope)) };
    case "TopOperator":
      return { kind: "top", count: expression("Expression"), key: translateSortKey(requiredChild(node, "ByExpression"), scope) };
    case "TakeOperator":
      return { kind: "take", count: expression("Expression") };
    case "CountOperator":
      return { kind: "count" };
    case "DistinctOperator": {
      const items = elements(child(node, "Expressions"));
      if (items.some((item) => kindOf(item) === "StarExpression")) {
        return { kind: "distinct", columns: input.columns.map((column) => ({ name: column.name, expr: { kind: "column", type: column.type, name: column.name } })) };
      }
      return { kind: "distinct", columns: translateProject(node, scope) };
    }
    case "JoinOperator":
      return { kind: "join", joinKind: joinKindOf(node), right: scope.translateTabular(requiredChild(node, "Expression")), ...joinKeys(node) };
    case "MakeSeriesOperator":
      return translateMakeSeries(node, scope);
    default:
      throw unsupported(`the operator '${snippet(node).split(/\s/)[0]}' (${kind})`);
  }
}
