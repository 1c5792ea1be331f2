import "server-only";
// Verifies Entra ID tokens with jose against the tenant's published keys. msal-node checks only an
// id token's nonce, so every id token and every pipeline access token is checked here in full.
// Refusals throw TokenRejectedError (the token is bad: 401); EntraMetadataError means Entra's
// documents could not be read or disagree with the settings (an upstream or configuration fault).
import type { JWTPayload } from "jose";
import { audiencesOf, optionalStringClaim, requiredStringClaim, rolesClaim } from "./tokens/claim-readers";
import type { FetchFn } from "./tokens/fetch-entra-document";
import { JwksCache } from "./tokens/jwks-cache";
import { OpenIdDiscovery, type OpenIdConfiguration } from "./tokens/openid-discovery";
import { TokenRejectedError } from "./tokens/token-rejected-error";
import { verifySignedToken, type SignatureCheck } from "./tokens/verify-signed-token";

export { EntraMetadataError, type FetchFn } from "./tokens/fetch-entra-document";
export type { OpenIdConfiguration } from "./tokens/openid-discovery";
export { TOKEN_REJECTION_REASONS, TokenRejectedError, type TokenRejectionReason } from "./tokens/token-rejected-error";

// Microsoft's own token validation allows five minutes; issue 4 makes that the ceiling.
const MAX_CLOCK_SKEW_SECONDS = 300;

export interface EntraTokenVerifierOptions {
  /** https://login.microsoftonline.com, or the emulator's https URL. */
  authorityHost: string;
  /** Stagegate's home tenant id (GUID). */
  tenantId: string;
  /** The app registration's client id: the audience of id tokens. */
  clientId: string;
  /** The app id URI (e.g. api://<clientId>): the audience of pipeline API access tokens. */
  apiAudience: string;
  /** Tenants whose users and apps are accepted; the home tenant alone by default. */
  allowedTenants?: readonly string[];
  /** Clock difference allowed on exp and nbf, 0–300 s; 300 by default. */
  clockSkewSeconds?: number;
  /** Least time between key fetches caused by unknown key ids; 300 s by default. */
  jwksRefetchCooldownSeconds?: number;
  /** Age after which keys are fetched again even when known; 24 h by default, as Entra's caching allows. */
  jwksMaxAgeSeconds?: number;
  /** Timeout of each request to Entra; 5000 ms by default. */
  timeoutMs?: number;
  fetch?: FetchFn;
  now?: () => Date;
}

export interface IdTokenClaims {
  /** The user's immutable object id; with `tid`, the user's key. */
  oid: string;
  tid: string;
  sub: string;
  name?: string;
  preferredUsername?: string;
  /** For display only: Entra does not guarantee it is verified. */
  email?: string;
  /** App role values; empty when the user holds none. */
  roles: string[];
  nonce: string;
}

export interface AccessTokenClaims {
  /** The calling application's client id (`azp` in v2 tokens, `appid` in v1). */
  appId: string;
  /** The calling application's service principal. */
  oid: string;
  tid: string;
  roles: string[];
}

export class EntraTokenVerifier {
  private readonly authorityHost: string;
  private readonly clientId: string;
  private readonly apiAudience: string;
  private readonly allowedTenants: ReadonlySet<string>;
  private readonly discovery: OpenIdDiscovery;
  private readonly signatureCheck: SignatureCheck;

  constructor(options: EntraTokenVerifierOptions) {
    this.authorityHost = httpsBase(options.authorityHost);
    this.clientId = nonEmpty(options.clientId, "clientId");
    this.apiAudience = nonEmpty(options.apiAudience, "apiAudience");
    const tenantId = nonEmpty(options.tenantId, "tenantId").toLowerCase();
    this.allowedTenants = new Set((options.allowedTenants ?? [tenantId]).map((tenant) => tenant.toLowerCase()));
    const clockSkewSeconds = options.clockSkewSeconds ?? MAX_CLOCK_SKEW_SECONDS;
    if (!(clockSkewSeconds >= 0 && clockSkewSeconds <= MAX_CLOCK_SKEW_SECONDS)) {
      throw new RangeError(`clockSkewSeconds must be between 0 and ${MAX_CLOCK_SKEW_SECONDS}`);
    }
    const now = options.now ?? (() => new Date());
    const http = { fetch: options.fetch ?? ((url, init) => fetch(url, init)), timeoutMs: options.timeoutMs ?? 5000 };

    this.discovery = new OpenIdDiscovery(http, `${this.authorityHost}/${tenantId}/v2.0/.well-known/openid-configuration`, {
      tenantId,
      issuer: this.v2Issuer(tenantId),
    });
    const keys = new JwksCache({
      http,
      jwksUri: async () => (await this.discovery.get()).jwks_uri,
      now,
      refetchCooldownMs: (options.jwksRefetchCooldownSeconds ?? 300) * 1000,
      maxAgeMs: (options.jwksMaxAgeSeconds ?? 86_400) * 1000,
    });
    this.signatureCheck = { keys, clockSkewSeconds, now };
  }

  /** The home tenant's OpenID configuration (cached), e.g. for msal's `authorityMetadata`. */
  openIdConfiguration(): Promise<OpenIdConfiguration> {
    return this.discovery.get();
  }

  /** Verifies the id token of a sign-in whose authorize request carried `expected.nonce`. */
  async verifyIdToken(token: string, expected: { nonce: string }): Promise<IdTokenClaims> {
    // An empty expected nonce would accept tokens carrying none: a caller bug, never a token's fault.
    if (expected.nonce === "") throw new TypeError("verifyIdToken needs the nonce this sign-in sent to /authorize");
    const { payload, tid } = await this.verifyForAllowedTenant(token);
    requireIssuer(payload, [this.v2Issuer(tid)]);
    requireAudience(payload, this.clientId);
    if (payload.nonce !== expected.nonce) {
      throw new TokenRejectedError(
        "nonce_mismatch",
        payload.nonce === undefined
          ? "The token carries no nonce, so it was not issued for this sign-in"
          : "The token's nonce is not the one this sign-in sent, so it was issued for another sign-in",
      );
    }
    return { ...userClaims(payload, tid), nonce: expected.nonce };
  }

  /**
   * Verifies an id token from a refresh-token redemption. It answers no authorize request, so it
   * carries no nonce; everything else is checked as at sign-in, and it must name the session's user.
   */
  async verifyRefreshedIdToken(token: string, expected: { oid: string; tid: string }): Promise<Omit<IdTokenClaims, "nonce">> {
    const { payload, tid } = await this.verifyForAllowedTenant(token);
    requireIssuer(payload, [this.v2Issuer(tid)]);
    requireAudience(payload, this.clientId);
    const claims = userClaims(payload, tid);
    if (claims.oid !== expected.oid || tid.toLowerCase() !== expected.tid.toLowerCase()) {
      throw new TokenRejectedError("wrong_subject", "The refreshed token names another user than the session's");
    }
    return claims;
  }

  /** Verifies a bearer token sent to the pipeline API. Whether its roles suffice is the caller's check. */
  async verifyAccessToken(token: string): Promise<AccessTokenClaims> {
    const { payload, tid } = await this.verifyForAllowedTenant(token);
    // App registrations left at the default accessTokenAcceptedVersion get v1 tokens from sts.windows.net.
    requireIssuer(payload, [v1Issuer(tid), this.v2Issuer(tid)]);
    requireAudience(payload, this.apiAudience);
    // Access tokens name the calling app and id tokens do not, so an id token cannot pass for one.
    const appId = optionalStringClaim(payload, "azp") ?? optionalStringClaim(payload, "appid");
    if (!appId) throw new TokenRejectedError("missing_claim", "The token names no calling application (azp or appid)");
    // Only an application's own token (client credentials) may call the API: a user's delegated
    // token carries scp, and its user roles must not become pipeline permissions.
    if (payload.scp !== undefined || (payload.idtyp !== undefined && payload.idtyp !== "app")) {
      throw new TokenRejectedError("not_application_token", "The API accepts application tokens from client credentials only, not a user's delegated token");
    }
    return { appId, oid: requiredStringClaim(payload, "oid"), tid, roles: rolesClaim(payload) };
  }

  // The tenant is checked before the issuer so that another organization's account gets its own
  // reason (its token is genuine, merely not for us), not a generic issuer mismatch.
  private async verifyForAllowedTenant(token: string): Promise<{ payload: JWTPayload; tid: string }> {
    const payload = await verifySignedToken(token, this.signatureCheck);
    const tid = requiredStringClaim(payload, "tid");
    if (!this.allowedTenants.has(tid.toLowerCase())) {
      throw new TokenRejectedError(
        "tenant_not_allowed",
        `The account belongs to Microsoft Entra tenant ${tid}, which this Stagegate does not accept`,
      );
    }
    return { payload, tid };
  }

  private v2Issuer(tenantId: string): string {
    return `${this.authorityHost}/${tenantId}/v2.0`;
  }
}

function userClaims(payload: JWTPayload, tid: string): Omit<IdTokenClaims, "nonce"> {
  return {
    oid: requiredStringClaim(payload, "oid"),
    tid,
    sub: requiredStringClaim(payload, "sub"),
    name: optionalStringClaim(payload, "name"),
    preferredUsername: optionalStringClaim(payload, "preferred_username"),
    email: optionalStringClaim(payload, "email"),
    roles: rolesClaim(payload),
  };
}

/** Azure keeps v1 issuers on sts.windows.net whatever the authority host (public cloud). */
function v1Issuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

function requireIssuer(payload: JWTPayload, accepted: readonly string[]): void {
  const issuer = requiredStringClaim(payload, "iss");
  if (!accepted.includes(issuer)) {
    throw new TokenRejectedError("wrong_issuer", `The token was issued by ${issuer}, not by ${accepted.join(" or ")}`);
  }
}

// One audience, exactly ours: Entra never issues multi-audience tokens, and OIDC would then need azp checks.
function requireAudience(payload: JWTPayload, expected: string): void {
  const audiences = audiencesOf(payload);
  if (audiences.length !== 1 || audiences[0] !== expected) {
    throw new TokenRejectedError("wrong_audience", `The token is meant for ${audiences.join(", ") || "nobody"}, not ${expected}`);
  }
}

function httpsBase(url: string): string {
  if (!URL.canParse(url) || new URL(url).protocol !== "https:") throw new TypeError("authorityHost must be an https URL");
  return url.replace(/\/+$/, "");
}

function nonEmpty(value: string, name: string): string {
  if (value.trim() === "") throw new TypeError(`${name} must not be empty`);
  return value;
}
