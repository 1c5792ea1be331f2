// What a route handler is: it gets the request's fields (already read from the query string or the
// JSON body) and returns the response body, or throws an MlflowError.
import type { LifecycleStage } from "../../scenario/registry/records";
import { invalidParameter } from "./errors";
import type { RequestFields } from "./request-fields";

export interface MlflowRoute {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path under /api/2.0/mlflow (and /ajax-api/2.0/mlflow). */
  readonly path: string;
  readonly handle: (fields: RequestFields) => unknown;
}

/** ViewType by name, or by its proto number as a JSON client may send it. */
const VIEW_TYPES: Record<string, readonly LifecycleStage[]> = {
  ACTIVE_ONLY: ["active"],
  DELETED_ONLY: ["deleted"],
  ALL: ["active", "deleted"],
  "1": ["active"],
  "2": ["deleted"],
  "3": ["active", "deleted"],
};

/** The lifecycle stages a view_type / run_view_type field selects (active only by default). */
export function viewType(fields: RequestFields, name: string): ReadonlySet<LifecycleStage> {
  const value = fields.optionalString(name) ?? "ACTIVE_ONLY";
  const stages = Object.hasOwn(VIEW_TYPES, value) ? VIEW_TYPES[value] : undefined;
  if (!stages) throw invalidParameter(`Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied. Valid values are ACTIVE_ONLY, DELETED_ONLY and ALL.`);
  return new Set(stages);
}
