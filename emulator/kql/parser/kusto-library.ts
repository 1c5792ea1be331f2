// Loads Microsoft's Kusto language service (a Bridge.NET build that defines globals) on first use,
// and declares the small part of its API the adapter touches: its own .d.ts is 1.7 MB of globals.
import { createRequire } from "node:module";

/** A .NET IReadOnlyList as Bridge exposes it. */
export interface KList<T> {
  Count: number;
  getItem(index: number): T;
}

export interface KTypeSymbol {
  Name: string;
  /** Present on table and tuple symbols. */
  Columns?: KList<KColumnSymbol>;
}

export interface KColumnSymbol {
  Name: string;
  Type: KTypeSymbol;
}

/** A syntax node or token. Typed properties (Left, Condition…) are read through syntax.ts. */
export interface KSyntax {
  Kind: number;
  IsToken: boolean;
  ChildCount: number;
  GetChild(index: number): KSyntax | null;
  GetName(index: number): string | null;
  /** Token text (tokens only). */
  Text?: string | null;
  ResultType?: KTypeSymbol | null;
  ReferencedSymbol?: { Kind: number; Name: string } | null;
  LiteralValue?: unknown;
  SimpleName?: string | null;
  TextStart: number;
  GetContainedSyntaxDiagnostics(): KList<KDiagnostic>;
  toString(): string;
}

export interface KDiagnostic {
  Code: string;
  Message: string;
  Severity: string;
  Start: number;
  Length: number;
}

export interface KCode {
  Syntax: KSyntax;
  ResultType: KTypeSymbol | null;
  GetDiagnostics(): KList<KDiagnostic>;
}

export interface KGlobalState {
  WithDatabase(database: unknown): KGlobalState;
}

export interface KustoLanguage {
  KustoCode: { ParseAndAnalyze(text: string, globals: KGlobalState): KCode };
  GlobalState: { Default: KGlobalState };
  KustoFacts: { GetExpressionResultName(expression: KSyntax, defaultName: string | null, rowScope: null): string | null };
  Symbols: {
    TableSymbol: { $ctor7: new (name: string, schema: string, description: string) => unknown };
    DatabaseSymbol: { ctor: new (name: string, members: unknown[]) => unknown };
    SymbolKind: Record<string, number | unknown>;
  };
  Syntax: { SyntaxKind: Record<string, number | unknown> };
}

interface BridgeRuntime {
  unbox(value: unknown, noClone?: boolean): unknown;
}

let loaded: { kusto: KustoLanguage; bridge: BridgeRuntime; kindNames: Map<number, string>; symbolKindNames: Map<number, string> } | undefined;

function enumNames(enumeration: Record<string, number | unknown>): Map<number, string> {
  const names = new Map<number, string>();
  for (const [name, value] of Object.entries(enumeration)) {
    if (typeof value === "number") names.set(value, name);
  }
  return names;
}

function load() {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    // The minified builds: same API, about 60 MB less resident memory than the readable ones.
    require("@kusto/language-service-next/bridge.min.js");
    require("@kusto/language-service-next/Kusto.Language.Bridge.min.js");
    const globals = globalThis as unknown as { Kusto: { Language: KustoLanguage }; Bridge: BridgeRuntime };
    const kusto = globals.Kusto.Language;
    loaded = {
      kusto,
      bridge: globals.Bridge,
      kindNames: enumNames(kusto.Syntax.SyntaxKind),
      symbolKindNames: enumNames(kusto.Symbols.SymbolKind),
    };
  }
  return loaded;
}

export function kustoLanguage(): KustoLanguage {
  return load().kusto;
}

/** SyntaxKind name of a node, e.g. "FilterOperator" or "AndExpression". */
export function syntaxKindName(node: KSyntax): string {
  return load().kindNames.get(node.Kind) ?? `Kind${node.Kind}`;
}

/** What a name refers to per the analyzer: "Column", "Variable", "Function", "Table"…; undefined when unbound. */
export function referencedSymbolKind(node: KSyntax): string | undefined {
  const symbol = node.ReferencedSymbol;
  return symbol ? load().symbolKindNames.get(symbol.Kind) : undefined;
}

/** The column name Kusto gives an unnamed expression in extend/project (Properties.a → Properties_a), or null. */
export function expressionResultName(node: KSyntax): string | null {
  return load().kusto.KustoFacts.GetExpressionResultName(node, null, null);
}

/** A literal's value with Bridge's boxing removed (strings, numbers, booleans, Date, TimeSpan objects). */
export function unboxLiteral(value: unknown): unknown {
  return load().bridge.unbox(value, true);
}

/** Every element of a .NET list as a JS array. */
export function listItems<T>(list: KList<T> | null | undefined): T[] {
  if (!list) return [];
  return Array.from({ length: list.Count }, (_, index) => list.getItem(index));
}
