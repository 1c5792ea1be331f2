// POST /{tenant}/oauth2/v2.0/token: authenticates the confidential client (client_secret in the
// form or HTTP Basic), then hands the request to its grant. Errors answer in Entra's JSON shape.
import { timingSafeEqual } from "node:crypto";
import type { EmuRequest, EmuResponse, Handler } from "../../http/router";
import type { DemoTenant } from "../../scenario/users";
import type { ConfidentialClient, EntraDirectory } from "./directory";
import { EntraProtocolError, entraErrorResponse, unknownClientError, unknownTenantError } from "./entra-errors";
import { requiredParameter, type TokenGrants, type TokenRequest, type TokenResponseBody } from "./token-grants";

const NO_STORE = { "cache-control": "no-store, no-cache", pragma: "no-cache" };

/** Client id and secret from an RFC 6749 Basic header (each part form-url-encoded). */
function basicCredentials(request: EmuRequest): { clientId: string; secret: string } | undefined {
  const header = request.headers.authorization;
  if (!header?.toLowerCase().startsWith("basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const part = (text: string) => decodeURIComponent(text.replace(/\+/g, " "));
  return { clientId: part(decoded.slice(0, colon)), secret: part(decoded.slice(colon + 1)) };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function authenticateClient(request: EmuRequest, form: URLSearchParams, directory: EntraDirectory, tenant: DemoTenant): ConfidentialClient {
  const basic = basicCredentials(request);
  const clientId = basic?.clientId ?? requiredParameter(form, "client_id");
  const formClientId = form.get("client_id");
  if (basic && formClientId && formClientId.toLowerCase() !== basic.clientId.toLowerCase()) {
    throw new EntraProtocolError(400, "invalid_request", 9002313, "The client_id in the body does not match the one in the Authorization header.");
  }
  const client = directory.clientIn(tenant.tenantId, clientId);
  if (!client) throw unknownClientError(clientId, tenant);
  if (form.has("client_assertion")) {
    throw new EntraProtocolError(401, "invalid_client", 700027, `Client assertion failed signature validation: application '${client.clientId}' has no certificate credential in this directory; send its client secret.`);
  }
  const secret = basic?.secret ?? form.get("client_secret");
  if (!secret) throw new EntraProtocolError(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  if (!sameSecret(secret, client.clientSecret)) {
    throw new EntraProtocolError(401, "invalid_client", 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${client.clientId}'.`);
  }
  return client;
}

type GrantHandler = (request: TokenRequest) => Promise<TokenResponseBody>;

export function tokenEndpoint(options: {
  directory: EntraDirectory;
  grants: TokenGrants;
  errorPageBase: () => string;
  now: () => Date;
}): Handler {
  const { directory, grants } = options;
  const byGrantType = new Map<string, GrantHandler>([
    ["authorization_code", (request) => grants.authorizationCode(request)],
    ["refresh_token", (request) => grants.refreshToken(request)],
    ["client_credentials", (request) => grants.clientCredentials(request)],
  ]);
  return async (request): Promise<EmuResponse> => {
    try {
      const tenant = directory.tenant(request.params.tenant ?? "");
      if (!tenant) throw unknownTenantError(request.params.tenant ?? "");
      // Entra reads only form bodies: anything else looks like a request without parameters.
      const isForm = (request.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
      const form = new URLSearchParams(isForm ? request.body.toString("utf8") : "");
      const grantType = requiredParameter(form, "grant_type");
      const grant = byGrantType.get(grantType);
      if (!grant) throw new EntraProtocolError(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType}'.`);
      const client = authenticateClient(request, form, directory, tenant);
      return { status: 200, body: await grant({ form, client, tenant }), headers: NO_STORE };
    } catch (error) {
      if (!(error instanceof EntraProtocolError)) throw error;
      return entraErrorResponse(error, { errorPageBase: options.errorPageBase(), request, now: options.now() });
    }
  };
}
