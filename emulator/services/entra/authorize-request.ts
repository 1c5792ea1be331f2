// Reads GET /authorize as Entra does: problems with the tenant, client or redirect URL end on an
// error page (there is nowhere safe to send the user), later ones go back to the redirect URL.
import type { EmuResponse } from "../../http/router";
import type { DemoTenant } from "../../scenario/users";
import type { EntraDirectory } from "./directory";
import { EntraProtocolError, unknownClientError } from "./entra-errors";
import type { PendingSignIn, ResponseMode } from "./grant-store";
import { parseScope, type TokenResource } from "./resources";
import { formPostPage, htmlResponse } from "./sign-in-pages";

/** Where and how the application wants the answer. */
export interface ClientTarget {
  redirectUri: string;
  responseMode: ResponseMode;
  state?: string;
}

export type Prompt = "login" | "none" | "consent" | "select_account";

export type AuthorizeOutcome =
  | { kind: "error-page"; failure: EntraProtocolError }
  | { kind: "redirect-error"; target: ClientTarget; failure: EntraProtocolError }
  | { kind: "sign-in"; request: PendingSignIn; prompt?: Prompt };

const RESPONSE_MODES: readonly ResponseMode[] = ["query", "fragment", "form_post"];
const PROMPTS: readonly Prompt[] = ["login", "none", "consent", "select_account"];
// S256 of a verifier is 32 bytes, 43 characters of base64url.
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

const invalidRequest = (code: number, message: string) => new EntraProtocolError(400, "invalid_request", code, message);
const missing = (name: string) => invalidRequest(900144, `The request body must contain the following parameter: '${name}'.`);

function pkceChallenge(query: URLSearchParams): string {
  const challenge = query.get("code_challenge");
  const method = query.get("code_challenge_method");
  if (!challenge) {
    throw invalidRequest(9002325, "Proof Key for Code Exchange (PKCE) is required: send code_challenge with code_challenge_method=S256.");
  }
  if (method !== "S256") {
    throw invalidRequest(9002325, `Proof Key for Code Exchange (PKCE) must use code_challenge_method=S256, not '${method ?? "plain"}'.`);
  }
  if (!S256_CHALLENGE.test(challenge)) throw invalidRequest(501491, "Invalid size of Code_Challenge parameter.");
  return challenge;
}

/** Checks the parts that are only safe to report to a known application at a registered URL. */
function checkedRequest(query: URLSearchParams, tenant: DemoTenant, clientId: string, target: ClientTarget, resources: readonly TokenResource[]) {
  const responseType = query.get("response_type");
  if (!responseType) throw missing("response_type");
  if (responseType !== "code") {
    throw new EntraProtocolError(400, "unsupported_response_type", 70005, `The application requested response_type '${responseType}'; its registration allows only 'code'.`);
  }
  const scope = query.get("scope");
  if (!scope) throw missing("scope");
  parseScope(scope, resources, tenant.tenantId);
  const codeChallenge = pkceChallenge(query);
  const prompt = query.get("prompt") ?? undefined;
  if (prompt !== undefined && !PROMPTS.includes(prompt as Prompt)) throw invalidRequest(90023, `Invalid prompt value '${prompt}'.`);
  const request: PendingSignIn = {
    tenantId: tenant.tenantId,
    clientId,
    redirectUri: target.redirectUri,
    responseMode: target.responseMode,
    scope,
    state: target.state,
    nonce: query.get("nonce") ?? undefined,
    codeChallenge,
    loginHint: query.get("login_hint") ?? undefined,
  };
  return { request, prompt: prompt as Prompt | undefined };
}

export function readAuthorizeRequest(
  query: URLSearchParams,
  tenant: DemoTenant,
  directory: EntraDirectory,
  resources: readonly TokenResource[],
): AuthorizeOutcome {
  const clientId = query.get("client_id");
  if (!clientId) return { kind: "error-page", failure: missing("client_id") };
  const client = directory.clientIn(tenant.tenantId, clientId);
  if (!client) return { kind: "error-page", failure: unknownClientError(clientId, tenant) };
  const redirectUri = query.get("redirect_uri");
  if (!redirectUri) return { kind: "error-page", failure: invalidRequest(900971, "No reply address provided.") };
  if (!directory.isRegisteredRedirectUri(redirectUri)) {
    const message = `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${client.clientId}'.`;
    return { kind: "error-page", failure: invalidRequest(50011, message) };
  }
  const requestedMode = query.get("response_mode") ?? "query";
  const target: ClientTarget = {
    redirectUri,
    responseMode: RESPONSE_MODES.includes(requestedMode as ResponseMode) ? (requestedMode as ResponseMode) : "query",
    state: query.get("state") ?? undefined,
  };
  if (target.responseMode !== requestedMode) {
    return { kind: "redirect-error", target, failure: invalidRequest(70007, `The application requested an unsupported response_mode '${requestedMode}'.`) };
  }
  try {
    return { kind: "sign-in", ...checkedRequest(query, tenant, client.clientId, target, resources) };
  } catch (error) {
    if (error instanceof EntraProtocolError) return { kind: "redirect-error", target, failure: error };
    throw error;
  }
}

/** Sends fields back to the application the way it asked: query, fragment, or an auto-posted form. */
export function responseToClient(target: ClientTarget, fields: Record<string, string>, headers: Record<string, string> = {}): EmuResponse {
  const all = target.state !== undefined ? { ...fields, state: target.state } : fields;
  if (target.responseMode === "form_post") return htmlResponse(200, formPostPage(target.redirectUri, all), headers);
  const location = new URL(target.redirectUri);
  if (target.responseMode === "fragment") {
    location.hash = new URLSearchParams(all).toString();
  } else {
    for (const [name, value] of Object.entries(all)) location.searchParams.set(name, value);
  }
  return { status: 302, headers: { location: location.toString(), "cache-control": "no-store", ...headers } };
}

/** An error sent back to the application (error, error_description, state). */
export function errorToClient(target: ClientTarget, failure: EntraProtocolError): EmuResponse {
  return responseToClient(target, { error: failure.error, error_description: failure.summary });
}
