// Contract test of the sign-in flow through @azure/msal-node, as Stagegate's server uses it.
import { ConfidentialClientApplication, CryptoProvider, type AuthenticationResult } from "@azure/msal-node";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDIRECT_URI, authorizeUrl, pickAccount, pkcePair, startEntraForTest, visit, type EntraUnderTest } from "./entra-test-harness";

/** MSAL types id token claims loosely; the tests read them as a record. */
const idClaims = (result: AuthenticationResult) => result.idTokenClaims as Record<string, unknown>;

describe("Entra sign-in through MSAL", () => {
  let entra: EntraUnderTest;
  let msal: ConfidentialClientApplication;
  let discovery: Record<string, unknown>;
  const crypto = new CryptoProvider();

  beforeAll(async () => {
    entra = await startEntraForTest();
    const response = await fetch(`${entra.authority}/v2.0/.well-known/openid-configuration`);
    const metadata = await response.text();
    discovery = JSON.parse(metadata) as Record<string, unknown>;
    const { clientId, clientSecret } = entra.context.identity;
    msal = new ConfidentialClientApplication({
      auth: { clientId, clientSecret, authority: entra.authority, knownAuthorities: [new URL(entra.service.url).host], authorityMetadata: metadata },
    });
  });
  afterAll(() => entra.stop());

  /** getAuthCodeUrl → account picker → acquireTokenByCode, with MSAL's own nonce check. */
  async function signIn(userKey: string) {
    const user = entra.user(userKey);
    const { verifier, challenge } = await crypto.generatePkceCodes();
    const nonce = crypto.createNewGuid();
    const state = crypto.createNewGuid();
    const url = await msal.getAuthCodeUrl({ scopes: [], redirectUri: REDIRECT_URI, codeChallenge: challenge, codeChallengeMethod: "S256", nonce, state, prompt: "login" });
    // MSAL takes authorize from the discovery document it was given: the browser listener, over http.
    expect(url.startsWith(`${entra.browserAuthority}/oauth2/v2.0/authorize?`)).toBe(true);
    const done = await pickAccount(url, user);
    expect(done.status).toBe(302);
    const location = new URL(done.location!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get("state")).toBe(state);
    const code = location.searchParams.get("code")!;
    const result = await msal.acquireTokenByCode({ code, scopes: [], redirectUri: REDIRECT_URI, codeVerifier: verifier, nonce }, { code });
    return { user, result, nonce };
  }

  it("serves discovery for the tenant: browsers go to the plain-HTTP listener, everything else stays on HTTPS", () => {
    const base = `${entra.authority}`;
    expect(base).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    expect(entra.browserAuthority).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(discovery).toMatchObject({
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${entra.browserAuthority}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${entra.browserAuthority}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      id_token_signing_alg_values_supported: ["RS256"],
      subject_types_supported: ["pairwise"],
    });
  });

  it("signs an ML lead in: id token claims, account, access and refresh tokens", async () => {
    const { user, result, nonce } = await signIn("ml-lead");
    const { tenantId, clientId } = entra.context.identity;
    expect(result.idTokenClaims).toMatchObject({
      aud: clientId,
      iss: `${entra.authority}/v2.0`,
      tid: tenantId,
      oid: user.oid,
      name: "Priya Raman",
      preferred_username: user.username,
      email: user.email,
      roles: ["Stagegate.MLLead"],
      nonce,
      ver: "2.0",
    });
    const claims = result.idTokenClaims as Record<string, number>;
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(result.account).toMatchObject({ homeAccountId: `${user.oid}.${tenantId}`, tenantId, username: user.username, name: "Priya Raman" });
    expect(result.accessToken).toBeTruthy();
  });

  it("carries the authorize nonce, so MSAL refuses the tokens when it expected another", async () => {
    const { verifier, challenge } = await crypto.generatePkceCodes();
    const url = await msal.getAuthCodeUrl({ scopes: [], redirectUri: REDIRECT_URI, codeChallenge: challenge, codeChallengeMethod: "S256", nonce: "sent-nonce" });
    const code = new URL((await pickAccount(url, entra.user("viewer"))).location!).searchParams.get("code")!;
    await expect(msal.acquireTokenByCode({ code, scopes: [], redirectUri: REDIRECT_URI, codeVerifier: verifier, nonce: "other-nonce" }, { code })).rejects.toThrow(/nonce/i);
  });

  it("signs id tokens that verify against the tenant's JWKS", async () => {
    const { result } = await signIn("viewer");
    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri as string));
    const { protectedHeader, payload } = await jwtVerify(result.idToken, jwks, { issuer: discovery.issuer as string, audience: entra.context.identity.clientId });
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(protectedHeader.kid).toBe(entra.entra.keys.signingKid);
    expect(payload.roles).toEqual(["Stagegate.Viewer"]);
  });

  it("leaves roles out for the user without a Stagegate role, and keeps sub stable per user", async () => {
    const first = await signIn("no-role");
    const second = await signIn("no-role");
    expect(first.result.idTokenClaims).not.toHaveProperty("roles");
    expect(idClaims(first.result).sub).toBe(idClaims(second.result).sub);
    expect(idClaims(first.result).sub).not.toBe(first.user.oid);
  });

  it("gives the other organization's user an id token from her own tenant", async () => {
    const { user, result } = await signIn("other-tenant");
    const { otherTenantId } = entra.context.identity;
    expect(user.tenantId).toBe(otherTenantId);
    expect(result.idTokenClaims).toMatchObject({ tid: otherTenantId, iss: `${entra.service.url}/${otherTenantId}/v2.0` });
    expect(result.account?.homeAccountId).toBe(`${user.oid}.${otherTenantId}`);
  });

  it("refreshes silently with the refresh token, which rotates", async () => {
    const { result } = await signIn("admin");
    const refreshed = await msal.acquireTokenSilent({ account: result.account!, scopes: [], forceRefresh: true });
    expect(refreshed.accessToken).not.toBe(result.accessToken);
    expect(refreshed.idTokenClaims).toMatchObject({ oid: idClaims(result).oid, roles: ["Stagegate.Admin"] });
    expect(refreshed.idTokenClaims).not.toHaveProperty("nonce");
    const again = await msal.acquireTokenSilent({ account: result.account!, scopes: [], forceRefresh: true });
    expect(again.accessToken).not.toBe(refreshed.accessToken);
  });

  it("mints a Graph access token for sign-in scopes only, and an ARM token when asked", async () => {
    const { result } = await signIn("finops");
    expect(JSON.parse(Buffer.from(result.accessToken.split(".")[1]!, "base64url").toString())).toMatchObject({ aud: "00000003-0000-0000-c000-000000000000" });
    const arm = await msal.acquireTokenSilent({ account: result.account!, scopes: ["https://management.azure.com/user_impersonation"] });
    const claims = await entra.context.tokens.verifyAccessToken(arm.accessToken, ["https://management.azure.com/"]);
    expect(claims).toMatchObject({ scp: "user_impersonation", oid: idClaims(result).oid, iss: `https://sts.windows.net/${entra.context.identity.tenantId}/` });
    expect(claims).not.toHaveProperty("roles");
  });

  it("answers form_post with a page that posts code and state to the application", async () => {
    const { challenge } = pkcePair();
    const done = await pickAccount(authorizeUrl(entra.authority, entra.context.identity.clientId, challenge, { response_mode: "form_post" }), entra.user("viewer"));
    expect(done.status).toBe(200);
    expect(done.html).toContain(`<form method="post" action="${REDIRECT_URI}">`);
    expect(done.html).toMatch(/name="code" value="1\.A[\w-]+"/);
    expect(done.html).toContain('name="state" value="state-123"');
  });

  it("keeps a session for prompt=none until logout, then asks for a sign-in", async () => {
    const { challenge } = pkcePair();
    const { clientId } = entra.context.identity;
    const first = await pickAccount(authorizeUrl(entra.authority, clientId, challenge), entra.user("product-owner"));
    expect(first.cookie).toMatch(/^emulator_entra_session=/);
    const silent = await visit(authorizeUrl(entra.authority, clientId, challenge, { prompt: "none" }), { cookie: first.cookie });
    expect(new URL(silent.location!).searchParams.get("code")).toBeTruthy();

    const logout = await visit(`${entra.authority}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("http://localhost:3000/signed-out")}`, { cookie: first.cookie });
    expect(logout.status).toBe(302);
    expect(logout.location).toBe("http://localhost:3000/signed-out");
    const afterLogout = await visit(authorizeUrl(entra.authority, clientId, challenge, { prompt: "none" }), { cookie: first.cookie });
    expect(new URL(afterLogout.location!).searchParams.get("error")).toBe("login_required");
  });

  it("shows a signed-out page when the post-logout URL is not registered", async () => {
    const page = await visit(`${entra.authority}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("http://evil.example/")}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("You signed out of your account");
    expect(page.location).toBeUndefined();
  });
});
