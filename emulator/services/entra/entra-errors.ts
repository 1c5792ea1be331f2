// Entra's error wording: OAuth error codes with AADSTS numbers, trace and correlation ids, and a
// timestamp, the way login.microsoftonline.com answers (MSAL and @azure/identity parse this shape).
import { randomUUID } from "node:crypto";
import type { EmuRequest, EmuResponse } from "../../http/router";
import type { ErrorShape } from "../../http/service-host";
import type { DemoTenant } from "../../scenario/users";

/** A protocol error the token endpoint or authorize flow answers with. */
export class EntraProtocolError extends Error {
  constructor(
    readonly status: number,
    /** The OAuth `error` value, e.g. invalid_grant. */
    readonly error: string,
    /** The AADSTS number. */
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "EntraProtocolError";
  }

  /** The `AADSTS…: …` text, without the trace lines. */
  get summary(): string {
    return `AADSTS${this.code}: ${this.message}`;
  }
}

// Two failures both the authorize and token endpoints report.
export function unknownTenantError(tenant: string): EntraProtocolError {
  return new EntraProtocolError(400, "invalid_tenant", 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
}

export function unknownClientError(clientId: string, tenant: DemoTenant): EntraProtocolError {
  return new EntraProtocolError(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant.name}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
}

/** Entra's timestamp format: "2026-11-20 12:00:00Z". */
function entraTimestamp(now: Date): string {
  return `${now.toISOString().slice(0, 19).replace("T", " ")}Z`;
}

/** The body Entra sends for a failed token or discovery request. */
export function entraErrorBody(failure: EntraProtocolError, context: { errorPageBase: string; request?: EmuRequest; now: Date }) {
  const traceId = randomUUID();
  // Entra echoes the client's client-request-id (MSAL sends one) as the correlation id.
  const requested = context.request?.headers["client-request-id"];
  const correlationId = typeof requested === "string" && requested ? requested : randomUUID();
  const timestamp = entraTimestamp(context.now);
  return {
    error: failure.error,
    error_description: `${failure.summary}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [failure.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${context.errorPageBase}/error?code=${failure.code}`,
  };
}

/** What the host's generic failures (faults, unknown routes, bad bodies) become in Entra's words. */
function protocolErrorForStatus(status: number, message: string): EntraProtocolError {
  if (status >= 500) return new EntraProtocolError(status, "temporarily_unavailable", 90006, `The service is temporarily unavailable. ${message}`);
  if (status === 405) return new EntraProtocolError(status, "invalid_request", 900561, message);
  if (status === 404) return new EntraProtocolError(status, "invalid_request", 90056, message);
  if (status === 401) return new EntraProtocolError(status, "invalid_client", 7000215, message);
  return new EntraProtocolError(status, "invalid_request", 9002313, `Request is malformed or invalid. ${message}`);
}

export function entraErrorResponse(failure: EntraProtocolError, context: { errorPageBase: string; request?: EmuRequest; now: Date }): EmuResponse {
  return { status: failure.status, body: entraErrorBody(failure, context), headers: { "cache-control": "no-store" } };
}

/** The service's ErrorShape; `errorPageBase` and `now` are read per error (the URL is known once listening). */
export function entraErrorShape(errorPageBase: () => string, now: () => Date): ErrorShape {
  return {
    error: (status, message, request) => entraErrorResponse(protocolErrorForStatus(status, message), { errorPageBase: errorPageBase(), request, now: now() }),
    throttled: (retryAfterSeconds) => {
      const failure = new EntraProtocolError(429, "temporarily_unavailable", 90055, `There are too many incoming requests. Retry after ${retryAfterSeconds} seconds.`);
      const response = entraErrorResponse(failure, { errorPageBase: errorPageBase(), now: now() });
      return { ...response, headers: { ...response.headers, "retry-after": String(retryAfterSeconds) } };
    },
  };
}
