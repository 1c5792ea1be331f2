// The role re-check's question to Entra: redeem the refresh token at the discovered token endpoint,
// verify the refreshed id token, and sort every answer into confirmed, refused or unavailable.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { askEntraForRoles } from "./entra-role-source";
import { CLIENT_ID, FakeEntra, OTHER_TENANT_ID, TENANT_ID, createSigningKey, v2Issuer, type SigningKey } from "./tokens/testing/fake-entra";

const SECRET = "client-secret-value";
const USER_OID = "5b7e9c1d-2a4f-4e6b-8d0c-1f3a5b7d9e2c";

let key: SigningKey;
let entra: FakeEntra;

beforeAll(async () => {
  key = await createSigningKey("key-1");
});
beforeEach(async () => {
  entra = await FakeEntra.create(key);
});

const ask = (refreshToken = "rt-1") =>
  askEntraForRoles({ verifier: entra.verifier(), clientId: CLIENT_ID, clientSecret: SECRET, fetch: entra.fetch, timeoutMs: 1000 }, { refreshToken, oid: USER_OID, tid: TENANT_ID });

/** Entra's error body, as wire-formats.md §6.2 shows it. */
const entraError = (status: number, error: string, code: number) =>
  Response.json({ error, error_description: `AADSTS${code}: text\r\nTrace ID: t`, error_codes: [code], timestamp: "2026-12-03 09:00:00Z", trace_id: "t", correlation_id: "c" }, { status });

describe("askEntraForRoles", () => {
  it("redeems the refresh token as a confidential client and returns the refreshed roles and rotated token", async () => {
    let sent: URLSearchParams | undefined;
    entra.tokenEndpoint = async (form) => {
      sent = form;
      // Refreshed id tokens carry no nonce.
      return Response.json({ token_type: "Bearer", id_token: await entra.sign(entra.idTokenClaims({ nonce: undefined, roles: ["Stagegate.Viewer"] })), refresh_token: "rt-2" });
    };
    await expect(ask()).resolves.toEqual({ kind: "confirmed", roles: ["Stagegate.Viewer"], refreshToken: "rt-2" });
    expect(Object.fromEntries(sent!)).toEqual({ client_id: CLIENT_ID, client_secret: SECRET, grant_type: "refresh_token", refresh_token: "rt-1", scope: "openid profile email offline_access" });
  });

  it("confirms no roles when the token has no roles claim", async () => {
    entra.tokenEndpoint = async () => Response.json({ id_token: await entra.sign(entra.idTokenClaims({ nonce: undefined, roles: undefined })) });
    await expect(ask()).resolves.toEqual({ kind: "confirmed", roles: [], refreshToken: null });
  });

  it("reports a refused grant for invalid_grant and interaction_required, with the AADSTS code only", async () => {
    entra.tokenEndpoint = () => entraError(400, "invalid_grant", 50173);
    await expect(ask()).resolves.toEqual({ kind: "refused", detail: "Entra ID refused the refresh token (invalid_grant AADSTS50173)" });
    entra.tokenEndpoint = () => entraError(400, "interaction_required", 50076);
    await expect(ask()).resolves.toMatchObject({ kind: "refused" });
  });

  it("refuses a refreshed id token that is forged, expired, for another app, tenant or user", async () => {
    const attacker = await createSigningKey("key-1");
    const cases = [
      () => entra.sign(entra.idTokenClaims({ nonce: undefined }), attacker),
      () => entra.sign(entra.idTokenClaims({ nonce: undefined, exp: Math.floor(entra.nowMs / 1000) - 600 })),
      () => entra.sign(entra.idTokenClaims({ nonce: undefined, aud: "another-app" })),
      () => entra.sign(entra.idTokenClaims({ nonce: undefined, tid: OTHER_TENANT_ID, iss: v2Issuer(OTHER_TENANT_ID) })),
      () => entra.sign(entra.idTokenClaims({ nonce: undefined, iss: "https://evil.example/v2.0" })),
      () => entra.sign(entra.idTokenClaims({ nonce: undefined, oid: "another-user" })),
    ];
    for (const token of cases) {
      const idToken = await token();
      entra.tokenEndpoint = () => Response.json({ id_token: idToken, refresh_token: "rt-2" });
      await expect(ask()).resolves.toMatchObject({ kind: "refused" });
    }
  });

  it("reports Entra unavailable for network failures, 5xx, throttling, a client misconfiguration and a bad answer", async () => {
    entra.tokenEndpoint = () => {
      throw new TypeError("fetch failed");
    };
    await expect(ask()).resolves.toMatchObject({ kind: "unavailable" });
    for (const answer of [() => entraError(503, "temporarily_unavailable", 90006), () => entraError(429, "temporarily_unavailable", 90055), () => entraError(401, "invalid_client", 7000215), () => Response.json({ token_type: "Bearer" })]) {
      entra.tokenEndpoint = answer;
      await expect(ask()).resolves.toMatchObject({ kind: "unavailable" });
    }
    entra.failWithStatus = 500; // discovery itself fails
    await expect(ask()).resolves.toMatchObject({ kind: "unavailable" });
  });

  it("never sends the client secret to a token endpoint that is not https", async () => {
    const plainHttpEndpoint: typeof entra.fetch = async (url, init) => {
      const response = await entra.fetch(url, init);
      if (!url.endsWith("openid-configuration")) return response;
      return Response.json({ ...((await response.json()) as object), token_endpoint: "http://login.example.test/token" });
    };
    entra.tokenEndpoint = () => Response.json({});
    const options = { verifier: entra.verifier({ fetch: plainHttpEndpoint }), clientId: CLIENT_ID, clientSecret: SECRET, fetch: plainHttpEndpoint };
    await expect(askEntraForRoles(options, { refreshToken: "rt", oid: USER_OID, tid: TENANT_ID })).resolves.toMatchObject({ kind: "unavailable" });
    expect(entra.tokenRequests).toBe(0);
  });
});
