// Runtime values: conversions (tostring, toint…), Kusto's text forms of datetime and timespan,
// equality and ordering, and grouping keys.
import type { KustoType } from "../../../lib/telemetry/contract";
import type { Value } from "../ast";
import { parseKustoDate, parseTimespanText } from "../parser/literals";

/** Kusto's datetime text: 2024-01-01T10:00:00Z, with 7 fraction digits when there is a fraction. */
export function formatDatetime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : `${iso.slice(0, -1)}0000Z`;
}

/** Kusto's timespan text: [-][d.]hh:mm:ss[.fffffff]. */
export function formatTimespan(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const ticks = Math.round(Math.abs(ms) * 10_000);
  const totalSeconds = Math.floor(ticks / 10_000_000);
  const fraction = ticks % 10_000_000;
  const days = Math.floor(totalSeconds / 86_400);
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(Math.floor((totalSeconds % 86_400) / 3600))}:${pad(Math.floor((totalSeconds % 3600) / 60))}:${pad(totalSeconds % 60)}`;
  return `${sign}${days > 0 ? `${days}.` : ""}${clock}${fraction > 0 ? `.${String(fraction).padStart(7, "0")}` : ""}`;
}

/** tostring(): null becomes "", dynamic objects JSON text, datetime and timespan their Kusto text. */
export function toKqlString(value: Value, type: KustoType): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    if (type === "datetime") return formatDatetime(value);
    if (type === "timespan") return formatTimespan(value);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  return JSON.stringify(value);
}

/** A typed value as an element of a dynamic array or bag: datetimes and timespans become their text. */
export function toDynamicElement(value: Value, type: KustoType): Value {
  if (typeof value === "number" && (type === "datetime" || type === "timespan")) return toKqlString(value, type);
  return value;
}

/** A number from a numeric value, a bool, or numeric text; null otherwise. */
export function toNumber(value: Value): number | null {
  if (typeof value === "number") return Number.isNaN(value) ? null : value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && value.trim() !== "") {
    const parsed = Number(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

export function toBoolean(value: Value): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (text === "true") return true;
    if (text === "false") return false;
    const number = toNumber(text);
    return number === null ? null : number !== 0;
  }
  return null;
}

/** A datetime (epoch ms) from a datetime value or date text. */
export function toDatetime(value: Value): number | null {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    const ms = parseKustoDate(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/** A timespan (ms) from a timespan value or timespan text. */
export function toTimespan(value: Value): number | null {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    try {
      return parseTimespanText(value);
    } catch {
      return null;
    }
  }
  return null;
}

/** Kusto equality: null when either side is null, false across different kinds of value. */
export function valuesEqual(left: Value, right: Value): boolean | null {
  if (left === null || right === null) return null;
  if (typeof left !== typeof right) return false;
  if (typeof left === "object") return JSON.stringify(left) === JSON.stringify(right);
  return left === right;
}

/** Ordering of two non-null values of the same kind; null when they cannot be ordered. */
export function orderValues(left: Value, right: Value): number | null {
  if (left === null || right === null) return null;
  if (typeof left === "number" && typeof right === "number") return left < right ? -1 : left > right ? 1 : 0;
  if (typeof left === "string" && typeof right === "string") return left < right ? -1 : left > right ? 1 : 0;
  if (typeof left === "boolean" && typeof right === "boolean") return Number(left) - Number(right);
  return null;
}

/** Total order for sorting: nulls placed by the caller; mixed kinds ordered by kind so sorting is stable. */
export function sortOrder(left: Value, right: Value): number {
  const ordered = orderValues(left, right);
  if (ordered !== null) return ordered;
  const rank = (value: Value) => (typeof value === "boolean" ? 0 : typeof value === "number" ? 1 : typeof value === "string" ? 2 : 3);
  const byKind = rank(left) - rank(right);
  return byKind !== 0 ? byKind : JSON.stringify(left).localeCompare(JSON.stringify(right));
}

/** One value of a composite key; parts never contain NUL, so joining them with NUL is unambiguous. */
function keyPart(value: Value): string {
  if (value === null) return "z";
  switch (typeof value) {
    case "number":
      return `n${value}`;
    case "boolean":
      return value ? "t" : "f";
    case "string":
      // JSON text escapes NUL; raw text is used only when it cannot be mistaken for JSON text.
      return value.includes("\u0000") || value.startsWith('"') ? `s${JSON.stringify(value)}` : `s${value}`;
    default:
      return `j${JSON.stringify(value)}`;
  }
}

/** A Map key for a tuple of values: the value itself when single and primitive, else an encoded string. */
export function groupKey(values: readonly Value[]): unknown {
  if (values.length === 1) {
    const only = values[0];
    if (only === null || typeof only !== "object") return only;
  }
  return values.map(keyPart).join("\u0000");
}
