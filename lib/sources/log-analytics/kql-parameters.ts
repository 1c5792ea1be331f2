// Values the app puts into KQL. The Logs query API takes no query parameters, so a query's inputs
// become `let` statements in front of its fixed text; values only ever enter as literals made
// here, never by pasting text into the query body.

/** A KQL literal made by one of the functions below (the brand keeps raw strings out). */
export interface KqlLiteral {
  readonly kql: string;
  readonly __brand: "KqlLiteral";
}

const literal = (kql: string) => ({ kql }) as KqlLiteral;

/** A double-quoted string literal; quotes, backslashes and control characters escaped. */
export function kqlStringLiteral(value: string): KqlLiteral {
  const escaped = value.replace(/[\\"\u0000-\u001f\u007f]/g, (char) => {
    if (char === "\\" || char === '"') return `\\${char}`;
    if (char === "\n") return "\\n";
    if (char === "\r") return "\\r";
    if (char === "\t") return "\\t";
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return literal(`"${escaped}"`);
}

/** datetime(2026-11-20T12:00:00.000Z): always UTC, to the millisecond. */
export function kqlDatetimeLiteral(value: Date): KqlLiteral {
  if (Number.isNaN(value.getTime())) throw new RangeError("A KQL datetime needs a valid date.");
  return literal(`datetime(${value.toISOString()})`);
}

/** ago(900000ms): a moment relative to the query's now(), for trailing windows and examples. */
export function kqlAgoLiteral(ms: number): KqlLiteral {
  return literal(`ago(${kqlTimespanLiteral(ms).kql})`);
}

/** A timespan literal in whole milliseconds, e.g. 60000ms. */
export function kqlTimespanLiteral(ms: number): KqlLiteral {
  if (!Number.isInteger(ms) || ms < 0) throw new RangeError("A KQL timespan needs a whole, non-negative number of milliseconds.");
  return literal(`${ms}ms`);
}

/** A real literal (e.g. an SLO target), written so that KQL reads it as real, never as an int. */
export function kqlRealLiteral(value: number): KqlLiteral {
  if (!Number.isFinite(value)) throw new RangeError("A KQL real needs a finite number.");
  return literal(`real(${value})`);
}

const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The query text with its parameters declared in front, one `let` a line. */
export function withParameters(body: string, parameters: Readonly<Record<string, KqlLiteral>>): string {
  const lets = Object.entries(parameters).map(([name, value]) => {
    if (!PARAMETER_NAME.test(name)) throw new RangeError(`"${name}" is not a KQL parameter name.`);
    return `let ${name} = ${value.kql};\n`;
  });
  return `${lets.join("")}${body.trim()}`;
}
