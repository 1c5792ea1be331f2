// Request fields read the way MLflow's server reads them: GET from the query string (a repeated
// field as repeated keys, read with getlist), POST/PATCH/DELETE from a JSON body (DELETE too, as
// the Python client sends it) that must be declared as application/json.
import type { EmuRequest } from "../../http/router";
import { invalidParameter } from "./errors";

type JsonFields = Record<string, unknown>;

const missingParameter = (name: string) =>
  invalidParameter(`Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`);

export class RequestFields {
  private constructor(
    private readonly query: URLSearchParams | undefined,
    private readonly body: JsonFields,
  ) {}

  static read(request: EmuRequest): RequestFields {
    if (request.method === "GET") return new RequestFields(request.query, {});
    if (request.body.length === 0) return new RequestFields(undefined, {});
    const contentType = String(request.headers["content-type"] ?? "");
    if (!contentType.toLowerCase().startsWith("application/json")) {
      throw invalidParameter("Bad Request. Content-Type must be one of ['application/json'].");
    }
    const parsed: unknown = JSON.parse(request.body.toString("utf8"));
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw invalidParameter("The request body must be a JSON object.");
    return new RequestFields(undefined, parsed as JsonFields);
  }

  /** A string field; an empty value counts as unset, as in MLflow's required-field check. */
  optionalString(name: string): string | undefined {
    const value = this.query ? this.query.get(name) : this.body[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    throw invalidParameter(`Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied: expected a string.`);
  }

  requiredString(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined) throw missingParameter(name);
    return value;
  }

  /** A repeated field; a lone JSON string is taken as a one-item list. */
  strings(name: string): string[] {
    if (this.query) return this.query.getAll(name);
    const value = this.body[name];
    if (value === undefined || value === null) return [];
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => {
      if (typeof item !== "string") throw invalidParameter(`Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied: expected a list of strings.`);
      return item;
    });
  }

  /** An int32/int64 field: a JSON number, or a numeric string (protobuf JSON's int64 form, and every query value). */
  optionalInteger(name: string): number | undefined {
    const value = this.query ? this.query.get(name) : this.body[name];
    if (value === undefined || value === null || value === "") return undefined;
    const number = typeof value === "number" ? value : typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number)) throw invalidParameter(`Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied: expected an integer.`);
    return number;
  }
}
