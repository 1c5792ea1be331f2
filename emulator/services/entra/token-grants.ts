// The three grants the token endpoint serves: authorization_code (with PKCE), refresh_token (rotated
// on use) and client_credentials. Each checks its grant as Entra does, then mints tokens.
import { createHash } from "node:crypto";
import type { DemoTenant, DemoUser } from "../../scenario/users";
import type { ConfidentialClient, EntraDirectory } from "./directory";
import { EntraProtocolError } from "./entra-errors";
import type { EntraGrantStore } from "./grant-store";
import { grantedScopeText, parseScope, type RequestedScope, type TokenResource } from "./resources";
import { TOKEN_LIFETIME_SECONDS, type TokenMinter } from "./token-minting";

export interface TokenResponseBody {
  token_type: "Bearer";
  scope?: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

/** The form of a token request and who sent it. */
export interface TokenRequest {
  form: URLSearchParams;
  client: ConfidentialClient;
  tenant: DemoTenant;
}

export function requiredParameter(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) throw new EntraProtocolError(400, "invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`);
  return value;
}

const invalidGrant = (code: number, message: string) => new EntraProtocolError(400, "invalid_grant", code, message);

function verifyPkce(codeVerifier: string | null, codeChallenge: string): void {
  if (!codeVerifier) throw invalidGrant(501481, "The Code_Verifier is missing; the authorization request carried a PKCE code_challenge.");
  const computed = createHash("sha256").update(codeVerifier).digest("base64url");
  if (computed !== codeChallenge) throw invalidGrant(501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
}

const lifetimeFields = { expires_in: TOKEN_LIFETIME_SECONDS - 1, ext_expires_in: TOKEN_LIFETIME_SECONDS - 1 };

export class TokenGrants {
  constructor(
    private readonly directory: EntraDirectory,
    private readonly grants: EntraGrantStore,
    private readonly minter: TokenMinter,
    private readonly resources: readonly TokenResource[],
  ) {}

  async authorizationCode({ form, client, tenant }: TokenRequest): Promise<TokenResponseBody> {
    const code = requiredParameter(form, "code");
    const redirectUri = requiredParameter(form, "redirect_uri");
    const redemption = this.grants.redeemCode(code);
    if (redemption.outcome === "unknown") throw invalidGrant(70000, "The provided value for the 'code' parameter is not valid: no such authorization code was issued.");
    if (redemption.outcome === "replayed") {
      throw invalidGrant(54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
    }
    if (redemption.outcome === "expired") {
      throw invalidGrant(70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.");
    }
    const { grant } = redemption;
    if (grant.tenantId !== tenant.tenantId) {
      throw invalidGrant(700005, "Provided Authorization Code is intended to use against other tenant, thus rejected.");
    }
    if (grant.clientId !== client.clientId) throw invalidGrant(70000, "The provided authorization code was issued to another application.");
    if (grant.redirectUri !== redirectUri) {
      throw invalidGrant(500112, `The reply address '${redirectUri}' does not match the reply address '${grant.redirectUri}' provided when requesting Authorization code.`);
    }
    verifyPkce(form.get("code_verifier"), grant.codeChallenge);
    const scope = form.get("scope") || grant.scope;
    return this.userTokens(form, client, this.signedInUser(grant.userOid), {
      scope,
      requested: parseScope(scope, this.resources, tenant.tenantId),
      nonce: grant.nonce,
      sessionId: grant.sessionId,
      tenantId: tenant.tenantId,
    });
  }

  async refreshToken({ form, client, tenant }: TokenRequest): Promise<TokenResponseBody> {
    const redemption = this.grants.redeemRefreshToken(requiredParameter(form, "refresh_token"));
    if (redemption.outcome === "unknown") {
      throw invalidGrant(70000, "The provided refresh token is not valid: it is unknown, expired, or was already used (refresh tokens rotate on every use).");
    }
    if (redemption.outcome === "revoked") {
      throw invalidGrant(50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.");
    }
    const { grant } = redemption;
    if (grant.clientId !== client.clientId) throw invalidGrant(70000, "The provided refresh token was issued to another application.");
    const scope = form.get("scope") || grant.scope;
    // Refreshed id tokens carry no nonce: there is no authorize request to bind them to.
    return this.userTokens(form, client, this.signedInUser(grant.userOid), {
      scope,
      requested: parseScope(scope, this.resources, tenant.tenantId),
      sessionId: grant.sessionId,
      tenantId: grant.tenantId,
    });
  }

  async clientCredentials({ form, client, tenant }: TokenRequest): Promise<TokenResponseBody> {
    const scope = requiredParameter(form, "scope");
    const requested = parseScope(scope, this.resources, tenant.tenantId);
    if (!requested.onlyDefault || requested.signIn.size > 0) {
      throw new EntraProtocolError(400, "invalid_scope", 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    }
    // Entra's client-credentials answer has no scope and never a refresh token.
    return { token_type: "Bearer", ...lifetimeFields, access_token: await this.minter.appAccessToken(client, requested.resource, tenant.tenantId) };
  }

  private signedInUser(oid: string): DemoUser {
    const user = this.directory.user(oid);
    if (!user) throw invalidGrant(70000, `The user ${oid} of this grant no longer exists in the directory.`);
    if (!this.directory.isAccountEnabled(oid)) {
      throw invalidGrant(50057, "The user account is disabled. The user object in Active Directory backing this account has been disabled. An admin can re-enable this account through PowerShell.");
    }
    return user;
  }

  private async userTokens(
    form: URLSearchParams,
    client: ConfidentialClient,
    user: DemoUser,
    grant: { scope: string; requested: RequestedScope; nonce?: string; sessionId: string; tenantId: string },
  ): Promise<TokenResponseBody> {
    const { requested } = grant;
    const body: TokenResponseBody = {
      token_type: "Bearer",
      scope: grantedScopeText(requested),
      ...lifetimeFields,
      access_token: await this.minter.userAccessToken(user, client.clientId, requested),
    };
    if (requested.signIn.has("offline_access")) {
      body.refresh_token = this.grants.issueRefreshToken({
        tenantId: grant.tenantId,
        clientId: client.clientId,
        userOid: user.oid,
        scope: grant.scope,
        sessionId: grant.sessionId,
      });
    }
    if (requested.signIn.has("openid")) {
      body.id_token = await this.minter.idToken(user, { clientId: client.clientId, nonce: grant.nonce, sessionId: grant.sessionId });
    }
    // MSAL asks for client_info=1 and builds the account's home id from it (uid.utid).
    if (form.get("client_info") === "1") {
      body.client_info = Buffer.from(JSON.stringify({ uid: user.oid, utid: user.tenantId })).toString("base64url");
    }
    return body;
  }
}
