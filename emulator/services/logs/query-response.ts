// A query result in the Logs API's JSON: one PrimaryResult table with typed columns; datetimes
// as ISO text, timespans as [d.]hh:mm:ss, dynamic values as JSON text in a string, numbers and
// booleans as JSON; an incomplete result adds a PartialError, as Log Analytics does.
import type { KustoType } from "../../../lib/telemetry/contract";
import type { Value } from "../../kql/ast";
import type { QueryResult } from "../../kql/eval/execute";
import { formatTimespan } from "../../kql/eval/values";

type WireValue = string | number | boolean | null;

function dynamicText(value: Value): string | null {
  if (value === null) return null;
  // A dynamic string is sent as itself (the client leaves text that is not JSON as it is).
  return typeof value === "string" ? value : JSON.stringify(value);
}

function numberText(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

function toWire(value: Value, type: KustoType): WireValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "datetime":
      return typeof value === "number" ? new Date(value).toISOString() : null;
    case "timespan":
      return typeof value === "number" ? formatTimespan(value) : null;
    case "dynamic":
      return dynamicText(value);
    case "long":
    case "int":
    case "real":
    case "decimal":
      return typeof value === "number" ? numberText(value) : null;
    case "bool":
      return typeof value === "boolean" ? value : null;
    default:
      return typeof value === "string" ? value : dynamicText(value);
  }
}

export interface QueryResponseBody {
  tables: { name: string; columns: { name: string; type: KustoType }[]; rows: WireValue[][] }[];
  error?: { code: string; message: string; details: { code: string; message: string; innererror: { code: string; message: string } }[] };
}

// About the service's own limit (~64 MB compressed, ~100 MB raw): past it, the rest is dropped.
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export function queryResponseBody(result: QueryResult, maxBytes = MAX_RESPONSE_BYTES): QueryResponseBody {
  const types = result.columns.map((column) => column.type);
  const rows: WireValue[][] = [];
  let bytes = 0;
  let partial = result.partial;
  for (const row of result.rows) {
    const wire = types.map((type, index) => toWire(row[index] ?? null, type));
    bytes += JSON.stringify(wire).length + 1;
    if (bytes > maxBytes) {
      partial = { code: "E_QUERY_RESULT_SET_TOO_LARGE", message: `The result is larger than ${maxBytes} bytes; the rest was dropped.` };
      break;
    }
    rows.push(wire);
  }
  const body: QueryResponseBody = {
    tables: [{ name: "PrimaryResult", columns: result.columns.map(({ name, type }) => ({ name, type })), rows }],
  };
  if (partial) {
    body.error = {
      code: "PartialError",
      message: "There were some errors when processing your query.",
      details: [{ code: "EngineError", message: partial.message, innererror: { code: partial.code, message: partial.message } }],
    };
  }
  return body;
}
