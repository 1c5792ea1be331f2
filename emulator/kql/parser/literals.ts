// Literal values: strings and numbers as the Kusto parser decoded them; datetime and timespan text
// parsed here (the library's TimeSpan of `time(1.02:03:04)` is wrong, and dates must stay UTC).
import type { Value } from "../ast";
import { KqlError } from "../errors";
import { unboxLiteral, type KSyntax } from "./kusto-library";
import { kindOf, snippet } from "./syntax";

const MS_PER_UNIT: Record<string, number> = {
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  m: 60_000, min: 60_000, minute: 60_000, minutes: 60_000,
  s: 1000, sec: 1000, second: 1000, seconds: 1000,
  ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1,
  microsecond: 0.001, microseconds: 0.001,
  tick: 0.0001, ticks: 0.0001,
};

/** Milliseconds of a timespan literal (5m, 1.5h, time(1.02:03:04), timespan(30s)), null for null. */
export function parseTimespanText(text: string): number | null {
  const inner = /^(?:time|timespan)\s*\(\s*(.*?)\s*\)$/i.exec(text.trim())?.[1] ?? text.trim();
  if (inner.toLowerCase() === "null") return null;
  const short = /^(-?\d+(?:\.\d+)?)\s*([a-z]+)?$/i.exec(inner);
  if (short) {
    const factor = MS_PER_UNIT[(short[2] ?? "d").toLowerCase()];
    if (factor !== undefined) return Number(short[1]) * factor;
  }
  const clock = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/.exec(inner);
  if (clock) {
    const [, minus, days = "0", hours, minutes, seconds = "0", fraction = ""] = clock;
    const ms = ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + (Number(seconds) + Number(fraction || 0)) * 1000;
    return minus ? -ms : ms;
  }
  throw new KqlError("SyntaxError", `Cannot read the timespan literal '${text}'.`);
}

/** Epoch milliseconds of an ISO-like date (zone-less text is UTC, as in Kusto), or NaN. */
export function parseKustoDate(text: string): number {
  let iso = text.trim().replace(" ", "T");
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) iso += "T00:00:00Z";
  else if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(iso)) iso += "Z";
  return Date.parse(iso);
}

function parseDatetimeText(text: string): number | null {
  const inner = /^datetime\s*\(\s*(.*?)\s*\)$/i.exec(text.trim())?.[1] ?? text;
  if (inner.toLowerCase() === "null") return null;
  const ms = parseKustoDate(inner);
  if (Number.isNaN(ms)) throw new KqlError("SyntaxError", `Cannot read the datetime literal '${text}'.`);
  return ms;
}

function numberOf(value: unknown): number {
  if (typeof value === "number") return value;
  // Int64 values the parser could not keep as plain numbers.
  if (value && typeof (value as { toNumber?: unknown }).toNumber === "function") return (value as { toNumber(): number }).toNumber();
  return Number(value);
}

/** The value of a literal node. */
export function literalValue(node: KSyntax): Value {
  const kind = kindOf(node);
  const text = node.toString().trim();
  const raw = unboxLiteral(node.LiteralValue);
  switch (kind) {
    case "StringLiteralExpression":
    case "CompoundStringLiteralExpression":
      return typeof raw === "string" ? raw : "";
    case "BooleanLiteralExpression":
      return raw === null || raw === undefined ? null : Boolean(raw);
    case "IntLiteralExpression":
    case "LongLiteralExpression":
    case "RealLiteralExpression":
    case "DecimalLiteralExpression":
      return raw === null || raw === undefined ? null : numberOf(raw);
    case "TimespanLiteralExpression":
      return parseTimespanText(text);
    case "DateTimeLiteralExpression":
      return parseDatetimeText(text);
    case "GuidLiteralExpression":
      return /^guid\s*\(\s*(.*?)\s*\)$/i.exec(text)?.[1] ?? text;
    case "NullLiteralExpression":
      return null;
    case "DynamicExpression":
      return typeof raw === "string" ? (JSON.parse(raw) as Value) : null;
    default:
      throw new KqlError("SyntaxError", `Cannot read the literal '${snippet(node)}'.`);
  }
}

export const LITERAL_KINDS = new Set([
  "StringLiteralExpression",
  "CompoundStringLiteralExpression",
  "BooleanLiteralExpression",
  "IntLiteralExpression",
  "LongLiteralExpression",
  "RealLiteralExpression",
  "DecimalLiteralExpression",
  "TimespanLiteralExpression",
  "DateTimeLiteralExpression",
  "GuidLiteralExpression",
  "NullLiteralExpression",
  "DynamicExpression",
]);
