// Mints the directory's JWTs with the claims Entra puts in them: v2 id tokens for the signed-in
// user, v1 access tokens for a user (delegated) or for an application (client credentials).
import { randomBytes } from "node:crypto";
import type { DemoUser } from "../../scenario/users";
import type { ConfidentialClient, EntraDirectory } from "./directory";
import type { EntraKeys } from "./keys";
import { v1Issuer, v2Issuer } from "./issuers";
import type { RequestedScope, TokenResource } from "./resources";

/** Lifetime of id and access tokens, as Entra's default (expires_in counts one second less). */
export const TOKEN_LIFETIME_SECONDS = 3600;

export interface IdTokenOptions {
  clientId: string;
  /** The nonce sent to authorize; absent on refreshed id tokens, as in Entra. */
  nonce?: string;
  sessionId: string;
}

/** Opaque internal claims Entra adds (aio, rh, uti): random text of Entra's length. */
function opaqueClaims() {
  const opaque = (bytes: number) => randomBytes(bytes).toString("base64url");
  return { aio: opaque(66), rh: `0.${opaque(48)}`, uti: opaque(16) };
}

export class TokenMinter {
  constructor(
    private readonly directory: EntraDirectory,
    private readonly keys: EntraKeys,
    private readonly authorityBase: () => string,
    private readonly now: () => Date,
  ) {}

  private lifetimeClaims() {
    const iat = Math.floor(this.now().getTime() / 1000);
    return { iat, nbf: iat, exp: iat + TOKEN_LIFETIME_SECONDS };
  }

  /** The id token as Entra v2 issues it; iss and tid name the user's home tenant. */
  idToken(user: DemoUser, options: IdTokenOptions): Promise<string> {
    return this.keys.sign({
      aud: options.clientId,
      iss: v2Issuer(this.authorityBase(), user.tenantId),
      ...this.lifetimeClaims(),
      ...opaqueClaims(),
      // Stagegate's registration lists email as an optional claim, so it comes without the email scope.
      email: user.email,
      name: user.displayName,
      ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
      oid: user.oid,
      preferred_username: user.username,
      ...this.rolesClaim(this.directory.identity.clientId === options.clientId ? user.roles : []),
      sid: options.sessionId,
      sub: this.directory.pairwiseSubject(user.oid, options.clientId),
      tid: user.tenantId,
      ver: "2.0",
    });
  }

  /** A delegated (user) access token for the API the scope names. */
  userAccessToken(user: DemoUser, clientId: string, requested: RequestedScope): Promise<string> {
    const { resource } = requested;
    return this.keys.sign({
      aud: resource.audience,
      iss: v1Issuer(user.tenantId),
      ...this.lifetimeClaims(),
      ...opaqueClaims(),
      acr: "1",
      amr: ["pwd"],
      appid: clientId,
      appidacr: "1",
      family_name: user.surname,
      given_name: user.givenName,
      idtyp: "user",
      name: user.displayName,
      oid: user.oid,
      ...this.rolesClaim(resource.carriesStagegateRoles ? user.roles : []),
      scp: requested.permissions.join(" "),
      sub: this.directory.pairwiseSubject(user.oid, resource.audience),
      tid: user.tenantId,
      unique_name: user.username,
      upn: user.username,
      ver: "1.0",
    });
  }

  /** An app-only access token: the caller's service principal in the tenant, with its app roles. */
  appAccessToken(client: ConfidentialClient, resource: TokenResource, tenantId: string): Promise<string> {
    const servicePrincipal = this.directory.servicePrincipalOid(client.clientId, tenantId);
    return this.keys.sign({
      aud: resource.audience,
      iss: v1Issuer(tenantId),
      ...this.lifetimeClaims(),
      ...opaqueClaims(),
      appid: client.clientId,
      appidacr: "1",
      idp: v1Issuer(tenantId),
      idtyp: "app",
      oid: servicePrincipal,
      ...this.rolesClaim(resource.carriesStagegateRoles ? client.roles : []),
      sub: servicePrincipal,
      tid: tenantId,
      ver: "1.0",
    });
  }

  /** Entra leaves `roles` out when there are none. */
  private rolesClaim(roles: readonly string[]): { roles?: string[] } {
    return roles.length > 0 ? { roles: [...roles] } : {};
  }
}
