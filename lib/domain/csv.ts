// CSV as spreadsheets read it (RFC 4180), with cells that start like a formula neutralised so an
// exported audit trail cannot run code when someone opens it (OWASP "CSV injection").

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  // A number is data, never a formula: -0.5 stays a number in the spreadsheet.
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
