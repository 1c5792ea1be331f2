// The Kusto analyzer's view of the workspace: one database holding the declared tables, so that it
// reports unknown tables and columns and computes every operator's result columns and types.
import { kustoSchemaText, type TelemetryColumn } from "../../../lib/telemetry/contract";
import { kustoLanguage, type KGlobalState } from "./kusto-library";

/** Tables as the analyzer needs them: columns with names and Kusto types. */
export type TableDeclarations = Readonly<Record<string, { readonly columns: readonly Pick<TelemetryColumn, "name" | "type">[] }>>;

const cache = new WeakMap<TableDeclarations, KGlobalState>();

export function globalsFor(tables: TableDeclarations): KGlobalState {
  let globals = cache.get(tables);
  if (!globals) {
    const kusto = kustoLanguage();
    const symbols = Object.entries(tables).map(
      ([name, table]) => new kusto.Symbols.TableSymbol.$ctor7(name, kustoSchemaText(table), ""),
    );
    globals = kusto.GlobalState.Default.WithDatabase(new kusto.Symbols.DatabaseSymbol.ctor("workspace", symbols));
    cache.set(tables, globals);
  }
  return globals;
}
