// Small in-memory tables for tests of the KQL engine: declared columns and fixed rows.
import type { TelemetryColumn } from "../../../lib/telemetry/contract";
import type { Row } from "../ast";
import type { TableSource } from "../eval/table-source";

export type FixtureColumn = Pick<TelemetryColumn, "name" | "type">;

export function memoryTable(columns: FixtureColumn[], rows: Row[]): TableSource & { declaration: { columns: FixtureColumn[] } } {
  return { columns, declaration: { columns }, scan: () => rows };
}
