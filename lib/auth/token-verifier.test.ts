// Id tokens: every forgery issue 4 lists is refused with its own reason, and genuine ones pass.
import { SignJWT, UnsecuredJWT, exportJWK, exportSPKI, importJWK, type JWTPayload } from "jose";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EntraTokenVerifier, TokenRejectionReason } from "./token-verifier";
import {
  CLIENT_ID,
  FakeEntra,
  NONCE,
  OTHER_TENANT_ID,
  TENANT_ID,
  createSigningKey,
  expectRejected,
  v1Issuer,
  v2Issuer,
  type SigningKey,
} from "./tokens/testing/fake-entra";

let tenantKey: SigningKey;
let attackerKey: SigningKey;
let entra: FakeEntra;
let verifier: EntraTokenVerifier;

beforeAll(async () => {
  tenantKey = await createSigningKey("key-1");
  // The attacker reuses the tenant's kid so that only the signature can give the forgery away.
  attackerKey = await createSigningKey("key-1");
});

beforeEach(async () => {
  entra = await FakeEntra.create(tenantKey);
  verifier = entra.verifier();
});

const signIdToken = (overrides: Record<string, unknown> = {}) => entra.sign(entra.idTokenClaims(overrides));
const verify = (token: string, nonce = NONCE) => verifier.verifyIdToken(token, { nonce });
const expectRefused = (token: string, reason: TokenRejectionReason) => expectRejected(verify(token), token, reason);

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("verifyIdToken accepts", () => {
  it("a genuine token and returns its typed claims", async () => {
    await expect(verify(await signIdToken())).resolves.toEqual({
      oid: "5b7e9c1d-2a4f-4e6b-8d0c-1f3a5b7d9e2c",
      tid: TENANT_ID,
      sub: "pairwise-subject-of-priya",
      name: "Priya Raman",
      preferredUsername: "priya.raman@contoso.com",
      email: "priya.raman@contoso.com",
      roles: ["Stagegate.MLLead"],
      nonce: NONCE,
    });
  });

  it("a user with no roles and no display claims, with an empty role list", async () => {
    const claims = await verify(await signIdToken({ roles: undefined, name: undefined, email: undefined, preferred_username: undefined }));
    expect(claims).toMatchObject({ roles: [], name: undefined, email: undefined, preferredUsername: undefined });
  });

  it("a token from another tenant that the settings allow", async () => {
    const token = await signIdToken({ tid: OTHER_TENANT_ID, iss: v2Issuer(OTHER_TENANT_ID) });
    const multiTenant = entra.verifier({ allowedTenants: [TENANT_ID, OTHER_TENANT_ID] });
    await expect(multiTenant.verifyIdToken(token, { nonce: NONCE })).resolves.toMatchObject({ tid: OTHER_TENANT_ID });
  });
});

describe("verifyIdToken refuses a forged signature or algorithm", () => {
  it("signed by another key under the tenant's key id: bad_signature", async () => {
    await expectRefused(await entra.sign(entra.idTokenClaims(), attackerKey), "bad_signature");
  });

  it("with claims altered after signing: bad_signature", async () => {
    const [header, , signature] = (await signIdToken()).split(".");
    const tampered = `${header}.${base64url(entra.idTokenClaims({ roles: ["Stagegate.Admin"] }))}.${signature}`;
    await expectRefused(tampered, "bad_signature");
  });

  it("unsigned (alg none), with or without the tenant's kid: alg_not_allowed", async () => {
    await expectRefused(new UnsecuredJWT(entra.idTokenClaims()).encode(), "alg_not_allowed");
    await expectRefused(`${base64url({ alg: "none", kid: "key-1" })}.${base64url(entra.idTokenClaims())}.`, "alg_not_allowed");
  });

  it("HS256 keyed with the tenant's public key (PEM or JWK text): alg_not_allowed", async () => {
    const publicPem = await exportSPKI(tenantKey.publicKey);
    for (const secret of [publicPem, JSON.stringify(tenantKey.publicJwk)]) {
      const forged = await new SignJWT(entra.idTokenClaims())
        .setProtectedHeader({ alg: "HS256", kid: "key-1" })
        .sign(new TextEncoder().encode(secret));
      await expectRefused(forged, "alg_not_allowed");
    }
  });

  it("RS512 even with the tenant's own key: alg_not_allowed", async () => {
    const rs512Key = await importJWK(await exportJWK(tenantKey.privateKey), "RS512");
    const token = await new SignJWT(entra.idTokenClaims()).setProtectedHeader({ alg: "RS512", kid: "key-1" }).sign(rs512Key);
    await expectRefused(token, "alg_not_allowed");
  });

  it("naming a key the tenant does not publish: unknown_key", async () => {
    await expectRefused(await entra.sign(entra.idTokenClaims(), await createSigningKey("key-unpublished")), "unknown_key");
  });

  it("that is not a JWT, has no kid, or is oversized: malformed", async () => {
    await expectRefused("garbage-token-value", "malformed");
    await expectRefused(`${base64url({ alg: "RS256" })}.${base64url(entra.idTokenClaims())}.c2lnbmF0dXJl`, "malformed");
    await expectRefused(await signIdToken({ padding: "x".repeat(40_000) }), "malformed");
  });
});

describe("verifyIdToken refuses a genuine signature on the wrong claims", () => {
  it("an issuer on another host, the v1 issuer, or another tenant's issuer: wrong_issuer", async () => {
    for (const iss of [`https://login.evil.test/${TENANT_ID}/v2.0`, v1Issuer(TENANT_ID), v2Issuer(OTHER_TENANT_ID)]) {
      await expectRefused(await signIdToken({ iss }), "wrong_issuer");
    }
  });

  it("an audience other than the client id, alone or next to it: wrong_audience", async () => {
    await expectRefused(await signIdToken({ aud: "another-app" }), "wrong_audience");
    await expectRefused(await signIdToken({ aud: [CLIENT_ID, "another-app"] }), "wrong_audience");
  });

  it("a user of another tenant: tenant_not_allowed", async () => {
    const token = await signIdToken({ tid: OTHER_TENANT_ID, iss: v2Issuer(OTHER_TENANT_ID) });
    await expectRefused(token, "tenant_not_allowed");
    await expect(verify(token)).rejects.toThrow(`tenant ${OTHER_TENANT_ID}, which this Stagegate does not accept`);
  });

  it("a missing or different nonce: nonce_mismatch", async () => {
    await expectRefused(await signIdToken({ nonce: undefined }), "nonce_mismatch");
    await expectRefused(await signIdToken({ nonce: "nonce-of-another-sign-in" }), "nonce_mismatch");
  });

  it.each(["oid", "sub", "tid", "iat", "exp"])("a token without %s: missing_claim", async (claim) => {
    await expectRefused(await signIdToken({ [claim]: undefined }), "missing_claim");
  });

  it("roles that are not a list of strings: malformed", async () => {
    await expectRefused(await signIdToken({ roles: "Stagegate.Admin" }), "malformed");
  });

  it("is never asked to accept an empty expected nonce", async () => {
    await expect(verify(await signIdToken({ nonce: "" }), "")).rejects.toThrow(TypeError);
  });
});

describe("verifyIdToken checks time with at most the configured skew", () => {
  const issuedSecondsAgo = (seconds: number): JWTPayload => {
    const iat = Math.floor(entra.nowMs / 1000) - seconds;
    return { iat, nbf: iat, exp: iat + 3600 };
  };
  const startingIn = (seconds: number): JWTPayload => {
    const nbf = Math.floor(entra.nowMs / 1000) + seconds;
    return { iat: nbf, nbf, exp: nbf + 3600 };
  };

  it("refuses a token expired beyond the skew and accepts one expired within it", async () => {
    await expectRefused(await signIdToken(issuedSecondsAgo(3600 + 301)), "expired");
    await expect(verify(await signIdToken(issuedSecondsAgo(3600 + 290)))).resolves.toMatchObject({ tid: TENANT_ID });
  });

  it("refuses an expiry before the year 0 without failing on the message", async () => {
    await expectRefused(await signIdToken({ exp: -1e15 }), "expired");
  });

  it("refuses a token valid only beyond the skew ahead and accepts one within it", async () => {
    await expectRefused(await signIdToken(startingIn(301)), "not_yet_valid");
    await expect(verify(await signIdToken(startingIn(290)))).resolves.toMatchObject({ tid: TENANT_ID });
  });

  it("uses a smaller configured skew", async () => {
    const strict = entra.verifier({ clockSkewSeconds: 60 });
    const token = await signIdToken(issuedSecondsAgo(3600 + 120));
    await expectRejected(strict.verifyIdToken(token, { nonce: NONCE }), token, "expired");
  });

  it("refuses settings that allow more than five minutes of skew, or a plain-http authority", () => {
    expect(() => entra.verifier({ clockSkewSeconds: 301 })).toThrow(RangeError);
    expect(() => entra.verifier({ authorityHost: "http://login.example.test" })).toThrow(/https/);
  });
});

describe("verifyRefreshedIdToken", () => {
  const user = { oid: "5b7e9c1d-2a4f-4e6b-8d0c-1f3a5b7d9e2c", tid: TENANT_ID };

  it("accepts a refreshed token without a nonce and returns the user's current roles", async () => {
    const token = await signIdToken({ nonce: undefined, roles: ["Stagegate.Viewer"] });
    await expect(verifier.verifyRefreshedIdToken(token, user)).resolves.toMatchObject({ oid: user.oid, tid: TENANT_ID, roles: ["Stagegate.Viewer"] });
  });

  it("refuses a token for another user, and checks signature, audience and issuer as at sign-in", async () => {
    const other = await signIdToken({ nonce: undefined, oid: "0a1b2c3d-0000-4000-8000-000000000000" });
    await expectRejected(verifier.verifyRefreshedIdToken(other, user), other, "wrong_subject");
    const wrongAudience = await signIdToken({ nonce: undefined, aud: "another-app" });
    await expectRejected(verifier.verifyRefreshedIdToken(wrongAudience, user), wrongAudience, "wrong_audience");
    const forged = await entra.sign(entra.idTokenClaims({ nonce: undefined }), attackerKey);
    await expectRejected(verifier.verifyRefreshedIdToken(forged, user), forged, "bad_signature");
    const v1 = await signIdToken({ nonce: undefined, iss: v1Issuer(TENANT_ID) });
    await expectRejected(verifier.verifyRefreshedIdToken(v1, user), v1, "wrong_issuer");
  });
});
