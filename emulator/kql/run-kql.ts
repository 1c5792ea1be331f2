// The KQL engine's entry points: run a query over table sources, or check one against the
// declared schemas (and against what the emulator can evaluate) without data.
import { TELEMETRY_TABLES } from "../../lib/telemetry/contract";
import type { ColumnSchema } from "./ast";
import { KqlError } from "./errors";
import { executeQuery, type ExecuteOptions, type QueryResult } from "./eval/execute";
import type { TableSource } from "./eval/table-source";
import { analyzeText, parseQuery } from "./parser/parse-query";
import { columnsOf } from "./parser/syntax";
import type { TableDeclarations } from "./parser/schema-globals";

export interface RunKqlOptions extends ExecuteOptions {
  /** Tables the analyzer knows (default: the telemetry contract). */
  tables?: TableDeclarations;
}

/** Parses, analyzes and evaluates; throws KqlError for text outside the subset or the schemas. */
export function runKql(text: string, options: RunKqlOptions): QueryResult {
  return executeQuery(parseQuery(text, options.tables ?? TELEMETRY_TABLES), options);
}

export type KqlAnalysis =
  | {
      ok: true;
      /** Result columns with Kusto's names and types. */
      columns: ColumnSchema[];
      /** Set when the query is valid KQL the emulator cannot evaluate: what it lacks. */
      unsupportedByEmulator?: string;
    }
  | { ok: false; diagnostics: string[] };

function emptySources(tables: TableDeclarations): Record<string, TableSource> {
  return Object.fromEntries(
    Object.entries(tables).map(([name, table]) => [name, { columns: table.columns.map(({ name: column, type }) => ({ name: column, type })), scan: () => [] }]),
  );
}

/**
 * Checks a query against the declared schemas with the Kusto analyzer (syntax, unknown tables and
 * columns), then dry-runs it over empty tables to find parts the emulator does not evaluate.
 */
export function analyzeKql(text: string, tables: TableDeclarations = TELEMETRY_TABLES): KqlAnalysis {
  const { code, syntaxErrors, semanticErrors } = analyzeText(text, tables);
  const diagnostics = [...syntaxErrors, ...semanticErrors];
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  try {
    const result = executeQuery(parseQuery(text, tables), { sources: emptySources(tables), nowMs: Date.now() });
    return { ok: true, columns: result.columns };
  } catch (error) {
    if (!(error instanceof KqlError)) throw error;
    return { ok: true, columns: code.ResultType?.Columns ? columnsOf(code.ResultType, code.Syntax) : [], unsupportedByEmulator: error.message };
  }
}
