import "server-only";
// Asks Entra for a signed-in user's current roles: redeem the session's refresh token at the
// tenant's token endpoint (from the discovery document), then verify the id token it brings.
import type { RoleRecheckOutcome } from "./sessions/role-recheck-policy";
import { EntraMetadataError, TokenRejectedError, type EntraTokenVerifier, type FetchFn } from "./token-verifier";
import { redeemRefreshToken } from "./tokens/refresh-grant";

export interface EntraRoleSourceOptions {
  verifier: EntraTokenVerifier;
  clientId: string;
  clientSecret: string;
  fetch?: FetchFn;
  timeoutMs?: number;
}

export async function askEntraForRoles(options: EntraRoleSourceOptions, input: { refreshToken: string; oid: string; tid: string }): Promise<RoleRecheckOutcome> {
  let tokenEndpoint: unknown;
  try {
    tokenEndpoint = (await options.verifier.openIdConfiguration()).token_endpoint;
  } catch (error) {
    return { kind: "unavailable", detail: error instanceof Error ? error.message : "the OpenID configuration could not be read" };
  }
  // The client secret goes only to an https endpoint the tenant's own document names.
  if (typeof tokenEndpoint !== "string" || !URL.canParse(tokenEndpoint) || new URL(tokenEndpoint).protocol !== "https:") {
    return { kind: "unavailable", detail: "the OpenID configuration names no https token_endpoint" };
  }
  const redeemed = await redeemRefreshToken({
    tokenEndpoint,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    refreshToken: input.refreshToken,
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    timeoutMs: options.timeoutMs ?? 5000,
  });
  if (redeemed.kind !== "issued") return redeemed;
  try {
    const claims = await options.verifier.verifyRefreshedIdToken(redeemed.idToken, { oid: input.oid, tid: input.tid });
    return { kind: "confirmed", roles: claims.roles, refreshToken: redeemed.refreshToken };
  } catch (error) {
    if (error instanceof TokenRejectedError) return { kind: "refused", detail: `the refreshed id token was rejected (${error.reason})` };
    if (error instanceof EntraMetadataError) return { kind: "unavailable", detail: error.message };
    throw error;
  }
}
