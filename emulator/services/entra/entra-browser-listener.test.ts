// Contract of Entra's plain-HTTP browser listener: the pages a browser opens (authorize with its
// account picker and form post, logout, the error-code page) and nothing else, on 127.0.0.1 only.
// The SDKs' endpoints (token, keys, discovery) stay on HTTPS, where the emulator's CA is trusted.
import { request as httpRequest } from "node:http";
import { networkInterfaces } from "node:os";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDIRECT_URI, authorizeUrl, pickAccount, pkcePair, postToken, startEntraForTest, visit, type EntraUnderTest } from "./entra-test-harness";

/** Resolves with the connection's error code, or "connected". */
function tryConnect(host: string, port: number, headers: Record<string, string> = {}): Promise<string | number> {
  return new Promise((resolve) => {
    const request = httpRequest({ host, port, path: "/error?code=1", headers, timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.end();
  });
}

describe("Entra's browser listener (plain HTTP, loopback only)", () => {
  let entra: EntraUnderTest;
  const stagegateClient = () => ({ client_id: entra.context.identity.clientId, client_secret: entra.context.identity.clientSecret });

  beforeAll(async () => {
    entra = await startEntraForTest();
  });
  afterAll(() => entra.stop());

  it("is plain HTTP on 127.0.0.1, and the HTTPS listener is another port", () => {
    expect(entra.browser.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(entra.service.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(entra.browser.url.split(":")[2]).not.toBe(entra.service.url.split(":")[2]);
    expect((entra.browser.server.address() as AddressInfo).address).toBe("127.0.0.1");
  });

  it("is not reachable on any other address: IPv6 loopback and every non-loopback interface refuse the connection", async () => {
    const port = Number(new URL(entra.browser.url).port);
    expect(await tryConnect("127.0.0.1", port)).toBe(200);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address !== undefined && !address.internal && address.family === "IPv4")
      .map((address) => address!.address);
    for (const host of ["::1", ...others]) expect([host, await tryConnect(host, port)]).toEqual([host, expect.stringMatching(/^(ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH|EHOSTUNREACH)$/)]);
  });

  it("answers only requests addressed to the loopback by name (a DNS-rebinding page gets 421)", async () => {
    const port = Number(new URL(entra.browser.url).port);
    expect(await tryConnect("127.0.0.1", port, { host: `localhost:${port}` })).toBe(200);
    expect(await tryConnect("127.0.0.1", port, { host: `evil.example:${port}` })).toBe(421);
  });

  it("serves authorize with the account picker, whose form posts back to the same listener", async () => {
    const { challenge } = pkcePair();
    const picker = await visit(authorizeUrl(entra.browserAuthority, entra.context.identity.clientId, challenge));
    expect(picker.status).toBe(200);
    expect(picker.html).toContain("Pick an account");
    const action = /<form method="post" action="([^"]+)"/.exec(picker.html)?.[1];
    expect(action).toBe(`/${entra.context.identity.tenantId}/login`);
    expect(new URL(action!, entra.browser.url).origin).toBe(entra.browser.url);
  });

  it("signs in over http: the code goes to the redirect URI, the session cookie is HttpOnly but not Secure (set over http)", async () => {
    const { challenge } = pkcePair();
    const done = await pickAccount(authorizeUrl(entra.browserAuthority, entra.context.identity.clientId, challenge), entra.user("viewer"));
    expect(done.status).toBe(302);
    const location = new URL(done.location!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get("code")).toMatch(/^1\.A/);
    const raw = await fetch(authorizeUrl(entra.browserAuthority, entra.context.identity.clientId, challenge, { prompt: "none" }), { headers: { cookie: done.cookie! }, redirect: "manual" });
    expect(new URL(raw.headers.get("location")!).searchParams.get("code")).toBeTruthy();
    const setCookie = raw.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).not.toMatch(/Secure/);
  });

  it("answers form_post with the page that posts to the application", async () => {
    const { challenge } = pkcePair();
    const done = await pickAccount(authorizeUrl(entra.browserAuthority, entra.context.identity.clientId, challenge, { response_mode: "form_post" }), entra.user("viewer"));
    expect(done.status).toBe(200);
    expect(done.html).toContain(`<form method="post" action="${REDIRECT_URI}">`);
  });

  it("a code from the browser listener is redeemed only on HTTPS, with PKCE, the same redirect URI and the client's secret", async () => {
    const { verifier, challenge } = pkcePair();
    const code = async () => new URL((await pickAccount(authorizeUrl(entra.browserAuthority, entra.context.identity.clientId, challenge), entra.user("ml-lead"))).location!).searchParams.get("code")!;
    const redeem = (form: Record<string, string>) =>
      postToken(entra.authority, { ...stagegateClient(), grant_type: "authorization_code", redirect_uri: REDIRECT_URI, code_verifier: verifier, scope: "openid profile", ...form });

    expect((await redeem({ code: await code(), code_verifier: pkcePair().verifier })).body).toMatchObject({ error: "invalid_grant" });
    expect((await redeem({ code: await code(), redirect_uri: "http://localhost:3000/elsewhere" })).body).toMatchObject({ error: "invalid_grant" });
    expect((await redeem({ code: await code(), client_secret: "not-the-secret" })).status).toBe(401);

    const good = await code();
    const overHttp = await fetch(`${entra.browserAuthority}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...stagegateClient(), grant_type: "authorization_code", code: good, redirect_uri: REDIRECT_URI, code_verifier: verifier, scope: "openid profile" }),
    });
    expect(overHttp.status).toBe(404);
    // Refused before it was read: the code is still good on HTTPS.
    const redeemed = await redeem({ code: good });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.id_token).toEqual(expect.any(String));
  });

  it("serves logout (GET and POST): ends the session and returns to a registered address", async () => {
    const { challenge } = pkcePair();
    const { clientId } = entra.context.identity;
    const signedIn = await pickAccount(authorizeUrl(entra.browserAuthority, clientId, challenge), entra.user("product-owner"));
    const logout = await visit(`${entra.browserAuthority}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("http://localhost:3000/signed-out")}`, { cookie: signedIn.cookie });
    expect(logout.status).toBe(302);
    expect(logout.location).toBe("http://localhost:3000/signed-out");
    const silent = await visit(authorizeUrl(entra.browserAuthority, clientId, challenge, { prompt: "none" }), { cookie: signedIn.cookie });
    expect(new URL(silent.location!).searchParams.get("error")).toBe("login_required");

    const posted = await visit(`${entra.browserAuthority}/oauth2/v2.0/logout`, { form: { post_logout_redirect_uri: "http://evil.example/" } });
    expect(posted.status).toBe(200);
    expect(posted.html).toContain("You signed out of your account");
  });

  it("serves the error-code page that error_uri names", async () => {
    const page = await visit(`${entra.browser.url}/error?code=50011`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("AADSTS50011");
  });

  it("refuses (404, in Entra's error shape) token, keys, discovery and every path that is not a browser page", async () => {
    const { tenantId } = entra.context.identity;
    const refused: [string, string, RequestInit?][] = [
      ["POST", `/${tenantId}/oauth2/v2.0/token`, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials" }],
      ["GET", `/${tenantId}/discovery/v2.0/keys`],
      ["GET", `/${tenantId}/v2.0/.well-known/openid-configuration`],
      ["GET", `/common/v2.0/.well-known/openid-configuration`],
      ["GET", `/${tenantId}/oauth2/v2.0/devicecode`],
      ["GET", `/${tenantId}/kerberos`],
      ["GET", `/_emulator/faults`],
      ["GET", `/api/2.0/mlflow/registered-models/search`],
      ["GET", `/subscriptions/x/resourceGroups/y?api-version=2024-10-01`],
      ["GET", `/`],
    ];
    for (const [method, path, init] of refused) {
      const response = await fetch(`${entra.browser.url}${path}`, { method, ...init });
      expect([method, path, response.status]).toEqual([method, path, 404]);
      expect(await response.json()).toMatchObject({ error: "invalid_request", error_codes: [90056] });
    }
    // The same documents are served on HTTPS.
    expect((await fetch(`${entra.authority}/discovery/v2.0/keys`)).status).toBe(200);
    expect((await fetch(`${entra.authority}/v2.0/.well-known/openid-configuration`)).status).toBe(200);
  });
});
