// ARM's common error shape and the checks every ARM-hosted call shares (api-version, bearer token).
import { json, type EmuRequest, type EmuResponse } from "../../http/router";
import type { ErrorShape } from "../../http/service-host";
import type { EmulatorContext } from "../../context";

const CODE_BY_STATUS: Record<number, string> = {
  400: "BadRequest",
  401: "AuthenticationFailed",
  403: "AuthorizationFailed",
  404: "ResourceNotFound",
  405: "MethodNotAllowed",
  409: "Conflict",
  429: "TooManyRequests",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

export function armError(status: number, code: string, message: string, headers: Record<string, string> = {}): EmuResponse {
  return json(status, { error: { code, message, target: null, details: [], additionalInfo: [] } }, headers);
}

export const ARM_ERRORS: ErrorShape = {
  error: (status, message) => armError(status, CODE_BY_STATUS[status] ?? "InternalServerError", message),
  throttled: (seconds) =>
    armError(429, "TooManyRequests", `The request is being throttled; retry after ${seconds} seconds.`, {
      "retry-after": String(seconds),
      "x-ms-ratelimit-remaining-subscription-reads": "0",
    }),
};

export const ARM_AUDIENCES = ["https://management.azure.com/", "https://management.azure.com"] as const;

/** The checks ARM makes before routing: an api-version and a valid token for the API's audience. */
export async function armPreflight(
  context: EmulatorContext,
  request: EmuRequest,
  audiences: readonly string[] = ARM_AUDIENCES,
): Promise<EmuResponse | undefined> {
  if (!request.query.get("api-version")) {
    return armError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
  }
  const header = request.headers.authorization ?? "";
  if (!header.startsWith("Bearer ")) {
    return armError(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.", {
      "www-authenticate": `Bearer authorization_uri="${context.urls.entra}/${context.identity.tenantId}", error="invalid_token"`,
    });
  }
  try {
    await context.tokens.verifyAccessToken(header.slice("Bearer ".length), audiences);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return armError(401, "InvalidAuthenticationToken", `The access token is invalid: ${reason}`);
  }
  return undefined;
}
