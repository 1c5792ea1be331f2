// Pipeline API access tokens: v1 and v2 issuers of allowed tenants, our API's audience only, and the
// same signature and time checks as id tokens.
import { SignJWT } from "jose";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EntraTokenVerifier, TokenRejectionReason } from "./token-verifier";
import {
  CLIENT_ID,
  FakeEntra,
  OTHER_TENANT_ID,
  PIPELINE_APP_ID,
  TENANT_ID,
  createSigningKey,
  expectRejected,
  v1Issuer,
  v2Issuer,
  type SigningKey,
} from "./tokens/testing/fake-entra";

const PIPELINE_SERVICE_PRINCIPAL = "9d3b5f7a-4c6e-4a8b-9e0d-2b4c6e8a0f13";

let tenantKey: SigningKey;
let entra: FakeEntra;
let verifier: EntraTokenVerifier;

beforeAll(async () => {
  tenantKey = await createSigningKey("key-1");
});

beforeEach(async () => {
  entra = await FakeEntra.create(tenantKey);
  verifier = entra.verifier();
});

const signAccessToken = (overrides: Record<string, unknown> = {}) => entra.sign(entra.accessTokenClaims(overrides));
const expectRefused = (token: string, reason: TokenRejectionReason) =>
  expectRejected(verifier.verifyAccessToken(token), token, reason);

describe("verifyAccessToken accepts", () => {
  it("a v1 client-credentials token, the default for app registrations", async () => {
    await expect(verifier.verifyAccessToken(await signAccessToken())).resolves.toEqual({
      appId: PIPELINE_APP_ID,
      oid: PIPELINE_SERVICE_PRINCIPAL,
      tid: TENANT_ID,
      roles: ["Stagegate.Pipeline"],
    });
  });

  it("a v2 token, naming the caller in azp", async () => {
    const token = await signAccessToken({ iss: v2Issuer(TENANT_ID), ver: "2.0", appid: undefined, azp: PIPELINE_APP_ID });
    await expect(verifier.verifyAccessToken(token)).resolves.toMatchObject({ appId: PIPELINE_APP_ID, tid: TENANT_ID });
  });

  it("an application without roles, leaving the role check to the API", async () => {
    await expect(verifier.verifyAccessToken(await signAccessToken({ roles: undefined }))).resolves.toMatchObject({ roles: [] });
  });
});

describe("verifyAccessToken refuses", () => {
  it("a token for another API, or an id token presented as an access token: wrong_audience", async () => {
    await expectRefused(await signAccessToken({ aud: "https://management.azure.com/" }), "wrong_audience");
    await expectRefused(await entra.sign(entra.idTokenClaims()), "wrong_audience");
  });

  it("a token with our audience that names no calling application: missing_claim", async () => {
    await expectRefused(await signAccessToken({ appid: undefined }), "missing_claim");
  });

  it("a user's delegated token (scp, or idtyp user), even one carrying user roles", async () => {
    await expectRefused(await signAccessToken({ scp: "access_as_user", roles: ["Stagegate.Pipeline"] }), "not_application_token");
    await expectRefused(await signAccessToken({ idtyp: "user" }), "not_application_token");
  });

  it("an application of another tenant, v1 or v2: tenant_not_allowed", async () => {
    await expectRefused(await signAccessToken({ tid: OTHER_TENANT_ID, iss: v1Issuer(OTHER_TENANT_ID) }), "tenant_not_allowed");
    await expectRefused(await signAccessToken({ tid: OTHER_TENANT_ID, iss: v2Issuer(OTHER_TENANT_ID) }), "tenant_not_allowed");
  });

  it("an issuer that is neither of the tenant's two forms: wrong_issuer", async () => {
    for (const iss of [v1Issuer(OTHER_TENANT_ID), "https://sts.evil.test/" + TENANT_ID + "/", `${v2Issuer(TENANT_ID)}/`]) {
      await expectRefused(await signAccessToken({ iss }), "wrong_issuer");
    }
  });

  it("HS256 keyed with the tenant's public key: alg_not_allowed", async () => {
    const forged = await new SignJWT(entra.accessTokenClaims())
      .setProtectedHeader({ alg: "HS256", kid: "key-1" })
      .sign(new TextEncoder().encode(JSON.stringify(tenantKey.publicJwk)));
    await expectRefused(forged, "alg_not_allowed");
  });

  it("an expired token: expired", async () => {
    const iat = Math.floor(entra.nowMs / 1000) - 7200;
    await expectRefused(await signAccessToken({ iat, nbf: iat, exp: iat + 3600 }), "expired");
  });

  it("an id token, even where the API audience is the client id as in v2 access tokens: missing_claim", async () => {
    const lenient = entra.verifier({ apiAudience: CLIENT_ID });
    const idToken = await entra.sign(entra.idTokenClaims());
    await expectRejected(lenient.verifyAccessToken(idToken), idToken, "missing_claim");
  });
});
