// Rows of a Logs query result are positional arrays: they are mapped to objects by column name
// (never by position, so a reordered projection cannot shift values) and then zod-parsed.
import { z } from "zod";

/** The part of a result table the mapping reads (the SDK's LogsTable has this shape). */
export interface ResultTable {
  columnDescriptors: readonly { name?: string; type?: string }[];
  rows: readonly (readonly unknown[])[];
}

/** Each row as an object keyed by column name. */
export function rowsByColumnName(table: ResultTable): Record<string, unknown>[] {
  const names = table.columnDescriptors.map((column, index) => column.name ?? `Column${index + 1}`);
  return table.rows.map((row) => Object.fromEntries(names.map((name, index) => [name, row[index] ?? null])));
}

export type RowProblem = { row: number; path: string; message: string };

/** Parses every row; the first problem found, if any, instead of rows. */
export function parseRows<Schema extends z.ZodType>(table: ResultTable, schema: Schema): { rows: z.infer<Schema>[] } | { problem: RowProblem } {
  const rows: z.infer<Schema>[] = [];
  for (const [index, row] of rowsByColumnName(table).entries()) {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { problem: { row: index, path: issue?.path.join(".") ?? "", message: issue?.message ?? "invalid" } };
    }
    rows.push(parsed.data);
  }
  return { rows };
}

// Log Analytics writes NaN and infinities of real columns as text ("NaN", "Infinity").
const nonFiniteText = z.enum(["NaN", "Infinity", "-Infinity"]).transform(() => null);

/** zod schemas for the wire types of result columns (wire-formats §2.2, after the SDK's conversion). */
export const logsColumn = {
  string: z.string(),
  /** long and int: JSON numbers. */
  long: z.number().int(),
  /** real: a number, or null for empty, NaN and infinities. */
  real: z.union([z.number(), nonFiniteText, z.null()]),
  bool: z.boolean(),
  /** The SDK turns datetime text into Date; plain text is accepted too. */
  datetime: z.union([z.date(), z.iso.datetime({ offset: true })]).transform((value) => new Date(value)),
};
