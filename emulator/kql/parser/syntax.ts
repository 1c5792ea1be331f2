// Reading Kusto's syntax tree: node kinds by name, typed children by property name, list elements,
// and the analyzer's result types converted to the contract's Kusto types.
import type { KustoType } from "../../../lib/telemetry/contract";
import type { ColumnSchema } from "../ast";
import { KqlError, unsupported } from "../errors";
import { listItems, syntaxKindName, type KSyntax, type KTypeSymbol } from "./kusto-library";

export const kindOf = syntaxKindName;

/** A named child (Left, Condition, ByClause…), or null when absent. */
export function child(node: KSyntax, property: string): KSyntax | null {
  const value = (node as unknown as Record<string, unknown>)[property];
  return value && typeof value === "object" ? (value as KSyntax) : null;
}

export function requiredChild(node: KSyntax, property: string): KSyntax {
  const found = child(node, property);
  if (!found) throw new KqlError("SyntaxError", `Missing ${property} in ${kindOf(node)} '${snippet(node)}'.`);
  return found;
}

/** The elements of a syntax list, separators dropped. */
export function elements(list: KSyntax | null): KSyntax[] {
  if (!list) return [];
  const out: KSyntax[] = [];
  for (let index = 0; index < list.ChildCount; index++) {
    const item = list.GetChild(index);
    if (!item) continue;
    if (kindOf(item) === "SeparatedElement") {
      const element = item.GetChild(0);
      if (element) out.push(element);
    } else if (!item.IsToken) out.push(item);
  }
  return out;
}

/** The query text of a node, trimmed, for error messages. */
export function snippet(node: KSyntax): string {
  const text = node.toString().trim();
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const SCALAR_TYPES: Record<string, KustoType> = {
  bool: "bool",
  int: "int",
  long: "long",
  real: "real",
  decimal: "decimal",
  datetime: "datetime",
  timespan: "timespan",
  guid: "guid",
  string: "string",
  dynamic: "dynamic",
};

export function kustoTypeOf(symbol: KTypeSymbol | null | undefined, context: KSyntax): KustoType {
  const name = symbol?.Name ?? "";
  const type = SCALAR_TYPES[name] ?? (name.startsWith("dynamic") ? "dynamic" : undefined);
  if (!type) throw unsupported(`an expression of type '${name || "unknown"}' ('${snippet(context)}')`);
  return type;
}

/** The scalar type the analyzer computed for an expression. */
export function scalarType(node: KSyntax): KustoType {
  return kustoTypeOf(node.ResultType, node);
}

/** Columns of a table or tuple type (a tabular expression's result, or a multi-column aggregate). */
export function columnsOf(symbol: KTypeSymbol | null | undefined, context: KSyntax): ColumnSchema[] {
  if (!symbol?.Columns) throw new KqlError("SemanticError", `Expected a tabular expression: '${snippet(context)}'.`);
  return listItems(symbol.Columns).map((column) => ({ name: column.Name, type: kustoTypeOf(column.Type, context) }));
}

/** The columns the analyzer says a tabular node yields. */
export function resultColumns(node: KSyntax): ColumnSchema[] {
  return columnsOf(node.ResultType, node);
}

/** A name as written (identifier, keyword used as a name, or ['bracketed']). */
export function simpleName(node: KSyntax): string {
  if (node.SimpleName) return node.SimpleName;
  const nested = child(node, "Name");
  if (nested && nested !== node) return simpleName(nested);
  return node.toString().trim();
}
