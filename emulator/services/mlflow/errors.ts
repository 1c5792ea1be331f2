// MLflow's error format: `{error_code, message}` with the HTTP status fixed per code by
// ERROR_CODE_TO_HTTP_STATUS (mlflow/exceptions.py). Handlers throw MlflowError; the service turns
// it into a response, and the host's own errors (faults, unknown routes) use the same shape.
import { json, type EmuResponse } from "../../http/router";
import type { ErrorShape } from "../../http/service-host";

const STATUS_BY_CODE = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  UNAUTHENTICATED: 401,
  CUSTOMER_UNAUTHORIZED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  NOT_FOUND: 404,
  ENDPOINT_NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  RESOURCE_CONFLICT: 409,
  ABORTED: 409,
  REQUEST_LIMIT_EXCEEDED: 429,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL_ERROR: 500,
  INVALID_STATE: 500,
  DATA_LOSS: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
} as const;

export type MlflowErrorCode = keyof typeof STATUS_BY_CODE;

/** The code the server would send for a bare status (injected faults, routing errors). */
const CODE_BY_STATUS: Record<number, MlflowErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "ENDPOINT_NOT_FOUND",
  409: "RESOURCE_CONFLICT",
  429: "REQUEST_LIMIT_EXCEEDED",
  499: "CANCELLED",
  500: "INTERNAL_ERROR",
  501: "NOT_IMPLEMENTED",
  502: "TEMPORARILY_UNAVAILABLE",
  503: "TEMPORARILY_UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export class MlflowError extends Error {
  constructor(
    readonly errorCode: MlflowErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return STATUS_BY_CODE[this.errorCode];
  }

  toResponse(): EmuResponse {
    return json(this.status, { error_code: this.errorCode, message: this.message });
  }
}

export const invalidParameter = (message: string) => new MlflowError("INVALID_PARAMETER_VALUE", message);
export const notFound = (message: string) => new MlflowError("RESOURCE_DOES_NOT_EXIST", message);

export const mlflowErrorShape: ErrorShape = {
  error(status, message) {
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST");
    return json(status, { error_code: code, message });
  },
  throttled(retryAfterSeconds) {
    return json(
      429,
      { error_code: "REQUEST_LIMIT_EXCEEDED", message: `Too many requests. Retry after ${retryAfterSeconds} seconds.` },
      { "retry-after": String(retryAfterSeconds) },
    );
  },
};
