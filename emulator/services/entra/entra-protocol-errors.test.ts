// The authorize and token endpoints' refusals, in Entra's wording, over plain HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE_MS } from "../../scenario/clock";
import { REDIRECT_URI, authorizeUrl, pkcePair, postToken, signInForCode, startEntraForTest, visit, type EntraUnderTest } from "./entra-test-harness";

describe("Entra protocol errors", () => {
  let entra: EntraUnderTest;
  let nowMs = Date.now();

  beforeAll(async () => {
    entra = await startEntraForTest({ now: () => new Date(nowMs) });
  });
  afterAll(() => entra.stop());

  const stagegateClient = () => ({ client_id: entra.context.identity.clientId, client_secret: entra.context.identity.clientSecret });
  const redeem = (code: string, verifier: string, extra: Record<string, string> = {}) =>
    postToken(entra.authority, { ...stagegateClient(), grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier, scope: "openid profile offline_access", ...extra });

  function expectEntraError(body: Record<string, unknown>, error: string, code: number) {
    expect(body).toMatchObject({ error, error_codes: [code] });
    expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
    expect(body.error_description).toMatch(/\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(Object.keys(body).sort()).toEqual(["correlation_id", "error", "error_codes", "error_description", "error_uri", "timestamp", "trace_id"]);
    // error_uri is a page for people, so it is on the listener a browser can open without the CA.
    expect(body.error_uri).toBe(`${entra.browser.url}/error?code=${code}`);
  }

  it("redeems a code once, then refuses the replay with AADSTS54005", async () => {
    const { verifier, challenge } = pkcePair();
    const code = await signInForCode(entra, entra.user("viewer"), challenge);
    const first = await redeem(code, verifier, { client_info: "1" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, scope: "User.Read openid profile offline_access" });
    const user = entra.user("viewer");
    expect(JSON.parse(Buffer.from(first.body.client_info as string, "base64url").toString())).toEqual({ uid: user.oid, utid: user.tenantId });
    const replay = await redeem(code, verifier);
    expect(replay.status).toBe(400);
    expectEntraError(replay.body, "invalid_grant", 54005);
  });

  it("refuses a code_verifier that does not match the challenge (AADSTS501481)", async () => {
    const { challenge } = pkcePair();
    const code = await signInForCode(entra, entra.user("viewer"), challenge);
    const response = await redeem(code, pkcePair().verifier);
    expect(response.status).toBe(400);
    expectEntraError(response.body, "invalid_grant", 501481);
  });

  it("refuses a code redeemed with another redirect_uri, or after ten minutes", async () => {
    const { verifier, challenge } = pkcePair();
    const wrongRedirect = await redeem(await signInForCode(entra, entra.user("viewer"), challenge), verifier, { redirect_uri: "http://localhost:3000/other" });
    expectEntraError(wrongRedirect.body, "invalid_grant", 500112);
    const code = await signInForCode(entra, entra.user("viewer"), challenge);
    nowMs += 11 * MINUTE_MS;
    try {
      expectEntraError((await redeem(code, verifier)).body, "invalid_grant", 70008);
    } finally {
      nowMs = Date.now();
    }
  });

  it("rotates refresh tokens: a used one is refused", async () => {
    const { verifier, challenge } = pkcePair();
    const tokens = await redeem(await signInForCode(entra, entra.user("ml-engineer"), challenge), verifier);
    const refresh = (token: string) => postToken(entra.authority, { ...stagegateClient(), grant_type: "refresh_token", refresh_token: token, scope: "openid offline_access" });
    const first = await refresh(tokens.body.refresh_token as string);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(tokens.body.refresh_token);
    expect(first.body.id_token).toBeTruthy();
    const reused = await refresh(tokens.body.refresh_token as string);
    expect(reused.status).toBe(400);
    expectEntraError(reused.body, "invalid_grant", 70000);
  });

  it("sends the user back with error=invalid_request naming PKCE when the challenge is missing", async () => {
    const missing = await visit(authorizeUrl(entra.authority, entra.context.identity.clientId, "", { code_challenge: null, code_challenge_method: null }));
    expect(missing.status).toBe(302);
    const location = new URL(missing.location!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(/PKCE/);
    expect(location.searchParams.get("state")).toBe("state-123");
    const plain = await visit(authorizeUrl(entra.authority, entra.context.identity.clientId, pkcePair().challenge, { code_challenge_method: "plain" }));
    expect(new URL(plain.location!).searchParams.get("error_description")).toMatch(/S256/);
  });

  it("shows an error page, not a redirect, for an unknown client, tenant or redirect URL", async () => {
    const { challenge } = pkcePair();
    const cases = [
      { url: authorizeUrl(entra.authority, "11111111-2222-4333-a444-555555555555", challenge), code: "AADSTS700016" },
      { url: authorizeUrl(`${entra.service.url}/unknown-tenant`, entra.context.identity.clientId, challenge), code: "AADSTS90002" },
      { url: authorizeUrl(entra.authority, entra.context.identity.clientId, challenge, { redirect_uri: "http://evil.example/callback" }), code: "AADSTS50011" },
    ];
    for (const { url, code } of cases) {
      const page = await visit(url);
      expect(page.status).toBe(400);
      expect(page.location).toBeUndefined();
      expect(page.html).toContain(code);
      expect(page.html).toContain('<html lang="en">');
    }
  });

  it("refuses an unknown client at the token endpoint with AADSTS700016", async () => {
    const response = await postToken(entra.authority, { grant_type: "client_credentials", client_id: "11111111-2222-4333-a444-555555555555", client_secret: "x", scope: "https://management.azure.com/.default" });
    expect(response.status).toBe(400);
    expectEntraError(response.body, "unauthorized_client", 700016);
  });

  it("answers an unknown tenant's discovery with invalid_tenant (AADSTS90002)", async () => {
    const response = await fetch(`${entra.service.url}/not-a-tenant/v2.0/.well-known/openid-configuration`);
    expect(response.status).toBe(400);
    expectEntraError((await response.json()) as Record<string, unknown>, "invalid_tenant", 90002);
  });

  it("accepts HTTP Basic client authentication and refuses a wrong secret with 401", async () => {
    const { pipelineClient, appIdUri } = entra.context.identity;
    const basic = (secret: string) => ({ authorization: `Basic ${Buffer.from(`${pipelineClient.clientId}:${encodeURIComponent(secret)}`).toString("base64")}` });
    const form = { grant_type: "client_credentials", scope: `${appIdUri}/.default` };
    const accepted = await postToken(entra.authority, form, basic(pipelineClient.clientSecret));
    expect(accepted.status).toBe(200);
    expect(accepted.body).not.toHaveProperty("refresh_token");
    const refused = await postToken(entra.authority, form, basic("wrong"));
    expect(refused.status).toBe(401);
    expectEntraError(refused.body, "invalid_client", 7000215);
  });

  it("requires /.default for client credentials and one API per request", async () => {
    const { clientId, clientSecret } = entra.context.identity;
    const ask = (scope: string) => postToken(entra.authority, { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope });
    expectEntraError((await ask("https://management.azure.com/user_impersonation")).body, "invalid_scope", 1002012);
    expectEntraError((await ask("https://management.azure.com/.default https://api.loganalytics.io/.default")).body, "invalid_scope", 700022);
    expectEntraError((await ask("https://unknown.example/.default")).body, "invalid_resource", 500011);
  });

  it("answers injected faults in Entra's shape: temporarily_unavailable and 429 with Retry-After", async () => {
    entra.context.faults.add("entra", { kind: "error", status: 503, count: 1 });
    entra.context.faults.add("entra", { kind: "throttle", retryAfterSeconds: 9, count: 1 });
    const failed = await fetch(`${entra.authority}/v2.0/.well-known/openid-configuration`);
    expect(failed.status).toBe(503);
    expectEntraError((await failed.json()) as Record<string, unknown>, "temporarily_unavailable", 90006);
    const throttled = await fetch(`${entra.authority}/v2.0/.well-known/openid-configuration`);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("9");
    expectEntraError((await throttled.json()) as Record<string, unknown>, "temporarily_unavailable", 90055);
    expect((await fetch(`${entra.authority}/v2.0/.well-known/openid-configuration`)).status).toBe(200);
  });
});
