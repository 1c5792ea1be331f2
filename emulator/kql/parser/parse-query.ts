// Entry of the parser adapter: Kusto parses and analyzes the text against the declared tables;
// its diagnostics become SyntaxError / SemanticError; the tree becomes the evaluator's Query.
import type { LetBinding, Query, TabularExpr } from "../ast";
import { KqlError, unsupported } from "../errors";
import { kustoLanguage, listItems, referencedSymbolKind, type KCode, type KDiagnostic, type KSyntax } from "./kusto-library";
import { globalsFor, type TableDeclarations } from "./schema-globals";
import { child, elements, kindOf, requiredChild, resultColumns, simpleName, snippet } from "./syntax";
import { translateOperator } from "./translate-operators";
import { translateScalar, type ScalarScope } from "./translate-scalar";

function position(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

function describe(text: string, diagnostic: KDiagnostic): string {
  return `${diagnostic.Message} (${diagnostic.Code} at ${position(text, diagnostic.Start)})`;
}

/** Parses and analyzes; the code with errors reported as diagnostics (no exception). */
export function analyzeText(text: string, tables: TableDeclarations): { code: KCode; syntaxErrors: string[]; semanticErrors: string[] } {
  const code = kustoLanguage().KustoCode.ParseAndAnalyze(text, globalsFor(tables));
  const isError = (diagnostic: KDiagnostic) => diagnostic.Severity === "Error";
  const syntax = listItems(code.Syntax.GetContainedSyntaxDiagnostics()).filter(isError);
  const syntaxKeys = new Set(syntax.map((diagnostic) => `${diagnostic.Start}:${diagnostic.Code}`));
  const semantic = listItems(code.GetDiagnostics()).filter((diagnostic) => isError(diagnostic) && !syntaxKeys.has(`${diagnostic.Start}:${diagnostic.Code}`));
  return { code, syntaxErrors: syntax.map((d) => describe(text, d)), semanticErrors: semantic.map((d) => describe(text, d)) };
}

function translateTabular(node: KSyntax, scope: ScalarScope): TabularExpr {
  switch (kindOf(node)) {
    case "PipeExpression": {
      const input = translateTabular(requiredChild(node, "Expression"), scope);
      return { kind: "pipe", input, operator: translateOperator(requiredChild(node, "Operator"), input, scope), columns: resultColumns(node) };
    }
    case "ParenthesizedExpression":
      return translateTabular(requiredChild(node, "Expression"), scope);
    case "NameReference": {
      const bound = referencedSymbolKind(node);
      if (bound === "Table") return { kind: "table", name: simpleName(node), columns: resultColumns(node) };
      if (bound === "Variable") return { kind: "tabular-variable", name: simpleName(node), columns: resultColumns(node) };
      throw unsupported(`'${simpleName(node)}' as a table`);
    }
    default:
      throw unsupported(`the tabular expression '${snippet(node)}' (${kindOf(node)})`);
  }
}

function translateLet(statement: KSyntax, scope: ScalarScope): LetBinding {
  const name = simpleName(requiredChild(statement, "Name"));
  const expression = requiredChild(statement, "Expression");
  const kind = kindOf(expression);
  if (kind === "FunctionDeclaration") throw unsupported(`the user-defined function '${name}'`);
  if (expression.ResultType?.Columns && kind !== "ToScalarExpression") return { kind: "tabular", name, expr: translateTabular(expression, scope) };
  return { kind: "scalar", name, expr: translateScalar(expression, scope) };
}

/** Text → Query, or a KqlError naming the first problem. */
export function parseQuery(text: string, tables: TableDeclarations): Query {
  const { code, syntaxErrors, semanticErrors } = analyzeText(text, tables);
  if (syntaxErrors.length > 0) throw new KqlError("SyntaxError", `The query could not be parsed: ${syntaxErrors.join("; ")}`);
  if (semanticErrors.length > 0) throw new KqlError("SemanticError", `The query is not valid for this workspace: ${semanticErrors.join("; ")}`);
  const scope: ScalarScope = { translateTabular: (node) => translateTabular(node, scope) };
  const lets: LetBinding[] = [];
  let body: TabularExpr | undefined;
  for (const statement of elements(child(code.Syntax, "Statements"))) {
    const kind = kindOf(statement);
    if (body) throw unsupported("statements after the query's tabular expression (only one result is returned)");
    if (kind === "LetStatement") lets.push(translateLet(statement, scope));
    else if (kind === "ExpressionStatement") body = translateTabular(requiredChild(statement, "Expression"), scope);
    else throw unsupported(`the statement '${snippet(statement)}' (${kind})`);
  }
  if (!body) throw new KqlError("SyntaxError", "The query has no tabular expression to return.");
  return { lets, body };
}
