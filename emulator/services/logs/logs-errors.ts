// The Logs query API's error shape: {"error":{"code","message","innererror?"}}, with the codes
// Log Analytics uses per status; 429 carries Retry-After.
import { json, type EmuResponse } from "../../http/router";
import type { ErrorShape } from "../../http/service-host";

const CODE_BY_STATUS: Record<number, string> = {
  400: "BadArgumentError",
  401: "AuthenticationFailed",
  403: "InsufficientAccessError",
  404: "PathNotFoundError",
  405: "MethodNotAllowed",
  408: "RequestTimeout",
  429: "ThrottledError",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailableError",
  504: "GatewayTimeout",
};

export interface InnerError {
  code: string;
  message: string;
}

export function logsError(status: number, code: string, message: string, innererror?: InnerError): EmuResponse {
  return json(status, { error: { code, message, ...(innererror ? { innererror } : {}) } });
}

export const LOGS_ERRORS: ErrorShape = {
  error: (status, message) => logsError(status, CODE_BY_STATUS[status] ?? "ServiceError", message),
  throttled: (retryAfterSeconds) => ({
    ...logsError(429, "ThrottledError", `Too many requests: at most 200 queries per 30 seconds. Retry after ${retryAfterSeconds} seconds.`),
    headers: { "retry-after": String(retryAfterSeconds) },
  }),
};
