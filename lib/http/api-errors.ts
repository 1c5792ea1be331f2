import "server-only";
import { AuthorizationError } from "@/lib/auth/permissions";
import { PipelineAuthError } from "@/lib/auth/pipeline-caller";
import { RefusedError } from "@/lib/errors/refused-error";
import { currentRequestId, requestLogger } from "@/lib/log/request-logger";

/** Anything unexpected: logged with the request id, answered as JSON the caller can quote. */
export async function internalErrorResponse(error: unknown): Promise<Response> {
  (await requestLogger()).error({ err: error }, "api request failed");
  return Response.json(
    { error: "internal", message: "Stagegate could not answer; retry, and quote the request id if it persists.", requestId: await currentRequestId() },
    { status: 500 },
  );
}

/** The JSON error every /api/v1 route answers with, or undefined for errors it does not own. */
export function apiErrorResponse(error: unknown): Response | undefined {
  if (error instanceof PipelineAuthError) {
    return Response.json(
      { error: error.status === 401 ? "unauthorized" : "unavailable", reason: error.reason, message: error.message },
      { status: error.status, headers: error.status === 401 ? { "www-authenticate": `Bearer error="invalid_token", error_description="${error.reason}"` } : {} },
    );
  }
  if (error instanceof AuthorizationError) {
    return Response.json({ error: "forbidden", reason: `missing_permission:${error.permission}`, message: error.message }, { status: 403 });
  }
  if (error instanceof RefusedError) {
    return Response.json({ error: error.code, message: error.message, fields: error.fieldErrors }, { status: error.status });
  }
  return undefined;
}
