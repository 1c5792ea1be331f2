// Per-tenant OpenID discovery and JWKS, shaped like login.microsoftonline.com's documents but with
// every endpoint on the emulator, so MSAL and @azure/identity follow them here. The two endpoints a
// browser is sent to (authorize, end session) are on the plain-HTTP browser listener; the issuer,
// token endpoint and keys stay on HTTPS, where the SDKs trust the emulator's CA.
import type { DemoTenant } from "../../scenario/users";
import type { EntraKeys } from "./keys";
import { v2Issuer } from "./issuers";

export function openIdConfiguration(bases: { authority: string; browser: string }, tenant: DemoTenant) {
  const tenantBase = `${bases.authority}/${tenant.tenantId}`;
  const browserTenantBase = `${bases.browser}/${tenant.tenantId}`;
  return {
    token_endpoint: `${tenantBase}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: v2Issuer(bases.authority, tenant.tenantId),
    request_uri_parameter_supported: false,
    userinfo_endpoint: "https://graph.microsoft.com/oidc/userinfo",
    authorization_endpoint: `${browserTenantBase}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${tenantBase}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${browserTenantBase}/oauth2/v2.0/logout`,
    claims_supported: [
      "sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host",
      "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email",
    ],
    kerberos_endpoint: `${tenantBase}/kerberos`,
    tenant_region_scope: "WW",
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
    rbac_url: "https://pas.windows.net",
  };
}

/** The tenant's JWKS: the directory's keys, each naming the tenant's v2 issuer as Entra's do. */
export function tenantJwks(keys: EntraKeys, authorityBase: string, tenant: DemoTenant) {
  return keys.jwks(v2Issuer(authorityBase, tenant.tenantId));
}

/** Clients cache discovery and keys for a day, as Entra's headers allow. */
export const DISCOVERY_CACHE_HEADERS = { "cache-control": "max-age=86400, private", "access-control-allow-origin": "*" };
