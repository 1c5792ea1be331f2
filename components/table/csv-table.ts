// A table's values as a CSV download carries them: the page's figures unformatted (numbers as
// numbers, times as ISO 8601 UTC) with their units in the column names.
import { csvRow } from "@/lib/domain/csv";

export type CsvValue = string | number | null;

export interface CsvTable {
  header: readonly string[];
  rows: readonly (readonly CsvValue[])[];
}

// Excel reads a CSV in the system's code page (€ and accents garbled) unless it starts with a byte order mark.
const UTF8_BOM = "\uFEFF";

/** The file's text: the byte order mark, then the header and every row, each ended by CRLF. */
export function csvText({ header, rows }: CsvTable): string {
  return UTF8_BOM + [header, ...rows].map(csvRow).join("");
}

/** A ratio without floating-point noise (0.3 / 0.1 → 3, not 2.9999999999999996); six decimals is finer than the page prints. */
export function csvDecimal(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value.toFixed(6));
}

/** An instant as ISO 8601 in UTC: "2026-11-20T09:55:45.000Z". */
export function csvTime(value: string | Date): string {
  return new Date(value).toISOString();
}

/** "churn_xgb-lift-v7.csv" from its parts, the missing ones left out; anything but letters, digits, ".", "_" and "-" becomes "_". */
export function csvFilename(...parts: readonly (string | null | undefined)[]): string {
  const name = parts.filter((part): part is string => Boolean(part)).join("-");
  return `${name.replace(/[^\w.-]/g, "_")}.csv`;
}
