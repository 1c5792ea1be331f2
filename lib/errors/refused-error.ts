// A request the verb understood and refused: bad input (400), not allowed for this person in this
// state (403), unknown (404), or in conflict with what already happened (409). The message says
// what to do. Recognised by `kind`, not instanceof (see upstream-error.ts).
import { hasKind } from "./upstream-error";

export type RefusalCode =
  | "invalid_input"
  | "self_approval"
  | "not_yours"
  | "policy_failed"
  | "not_pending"
  | "already_decided"
  | "duplicate_request"
  | "idempotency_conflict"
  | "not_found"
  | "stale_version"
  | "traffic_drift";

const STATUS: Record<RefusalCode, 400 | 403 | 404 | 409> = {
  invalid_input: 400,
  self_approval: 403,
  not_yours: 403,
  policy_failed: 409,
  not_pending: 409,
  already_decided: 409,
  duplicate_request: 409,
  idempotency_conflict: 409,
  not_found: 404,
  stale_version: 409,
  traffic_drift: 409,
};

export class RefusedError extends Error {
  readonly kind = "refused";
  readonly status: number;

  constructor(
    readonly code: RefusalCode,
    message: string,
    /** Field-level problems for forms, keyed by input name. */
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = "RefusedError";
    this.status = STATUS[code];
  }
}

export function isRefused(error: unknown, code?: RefusalCode): error is RefusedError {
  return hasKind(error, "refused") && (code === undefined || (error as RefusedError).code === code);
}

/** An id that does not exist (upstream or here): pages answer "not found", routes 404. */
export function notFound(message: string): RefusedError {
  return new RefusedError("not_found", message);
}

/** Turns a zod failure into one refusal naming each bad field. */
export function invalidInput(issues: readonly { path: readonly PropertyKey[]; message: string }[]): RefusedError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join(".") || "input";
    fieldErrors[field] ??= issue.message;
  }
  const summary = Object.entries(fieldErrors)
    .map(([field, message]) => `${field}: ${message}`)
    .join("; ");
  return new RefusedError("invalid_input", `Nothing was changed. Fix these and try again: ${summary}.`, fieldErrors);
}
