import "server-only";
import type { Logger } from "pino";
import { isAuthorizationError } from "@/lib/auth/permissions";
import { isPipelineAuthError } from "@/lib/auth/pipeline-caller";
import { isRefused } from "@/lib/errors/refused-error";
import { isUpstreamError } from "@/lib/errors/upstream-error";

/** The one JSON error body every route answers with; some errors add a field a caller can act on. */
export interface ErrorBody {
  error: string;
  message: string;
  requestId: string | null;
  [detail: string]: unknown;
}

export function errorJson(status: number, body: ErrorBody, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** Any error a route handler caught, as the status and body the caller gets; the unexpected is logged. */
export function errorResponse(error: unknown, requestId: string | null, log: Logger): Response {
  if (isPipelineAuthError(error)) {
    const unauthorized = error.status === 401;
    return errorJson(
      error.status,
      { error: unauthorized ? "unauthorized" : "unavailable", message: error.message, requestId, reason: error.reason },
      unauthorized ? { "www-authenticate": `Bearer error="invalid_token", error_description="${error.reason}"` } : {},
    );
  }
  if (isAuthorizationError(error)) {
    return errorJson(403, { error: "forbidden", message: error.message, requestId, reason: `missing_permission:${error.permission}` });
  }
  if (isRefused(error)) {
    const fields = Object.keys(error.fieldErrors).length > 0 ? { fields: error.fieldErrors } : {};
    return errorJson(error.status, { error: error.code, message: error.message, requestId, ...fields });
  }
  if (isUpstreamError(error)) {
    // Nothing cached and the upstream failed: say which, and whether a retry may help.
    log.warn({ err: error }, "upstream unavailable for api request");
    return errorJson(503, { error: "upstream_unavailable", message: error.message, requestId, upstream: error.upstream }, error.transient ? { "retry-after": "15" } : {});
  }
  log.error({ err: error }, "api request failed");
  return errorJson(500, { error: "internal", message: "Stagegate could not answer; retry, and quote the request id if it persists.", requestId });
}
