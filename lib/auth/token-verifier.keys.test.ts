// Discovery and signing keys: fetched once, refetched on key rotation no more than once per
// cooldown, refreshed when old, and failures reported as Entra's fault rather than the token's.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EntraMetadataError, type EntraTokenVerifier } from "./token-verifier";
import { FakeEntra, NONCE, createSigningKey, expectRejected, type SigningKey } from "./tokens/testing/fake-entra";

const COOLDOWN_SECONDS = 300;

let firstKey: SigningKey;
let rotatedKey: SigningKey;
let unpublishedKey: SigningKey;
let entra: FakeEntra;
let verifier: EntraTokenVerifier;

beforeAll(async () => {
  [firstKey, rotatedKey, unpublishedKey] = await Promise.all([
    createSigningKey("key-1"),
    createSigningKey("key-2"),
    createSigningKey("key-3"),
  ]);
});

beforeEach(async () => {
  entra = await FakeEntra.create(firstKey);
  verifier = entra.verifier({ jwksRefetchCooldownSeconds: COOLDOWN_SECONDS });
});

const tokenSignedWith = (key: SigningKey) => entra.sign(entra.idTokenClaims(), key);
const verify = (token: string) => verifier.verifyIdToken(token, { nonce: NONCE });

describe("discovery and key caching", () => {
  it("fetches discovery and keys once for many verifications, concurrent ones included", async () => {
    const token = await tokenSignedWith(firstKey);
    await Promise.all(Array.from({ length: 10 }, () => verify(token)));
    for (let i = 0; i < 5; i++) await verify(token);
    expect(entra.fetches).toEqual({ discovery: 1, jwks: 1 });
  });

  it("hands out the whole discovery document, from the same cache", async () => {
    await verify(await tokenSignedWith(firstKey));
    await expect(verifier.openIdConfiguration()).resolves.toMatchObject({ id_token_signing_alg_values_supported: ["RS256"] });
    expect(entra.fetches.discovery).toBe(1);
  });
});

describe("key rotation", () => {
  it("refetches the keys exactly once for a new kid, then accepts tokens signed with it", async () => {
    await verify(await tokenSignedWith(firstKey));
    entra.advanceSeconds(COOLDOWN_SECONDS + 60);
    entra.publish(rotatedKey);

    await expect(verify(await tokenSignedWith(rotatedKey))).resolves.toMatchObject({ nonce: NONCE });
    await verify(await tokenSignedWith(rotatedKey));
    expect(entra.fetches.jwks).toBe(2);
  });

  it("refuses a second unknown kid inside the cooldown without fetching, and looks again after it", async () => {
    await verify(await tokenSignedWith(firstKey));
    entra.advanceSeconds(COOLDOWN_SECONDS + 60);
    entra.publish(rotatedKey);
    await verify(await tokenSignedWith(rotatedKey));
    expect(entra.fetches.jwks).toBe(2);

    const unknown = await tokenSignedWith(unpublishedKey);
    entra.advanceSeconds(COOLDOWN_SECONDS - 10);
    await expectRejected(verify(unknown), unknown, "unknown_key");
    expect(entra.fetches.jwks).toBe(2);

    entra.advanceSeconds(20);
    await expectRejected(verify(unknown), unknown, "unknown_key");
    expect(entra.fetches.jwks).toBe(3);
  });

  it("counts the first load towards the cooldown", async () => {
    await verify(await tokenSignedWith(firstKey));
    entra.publish(rotatedKey);
    const tooSoon = await tokenSignedWith(rotatedKey);
    await expectRejected(verify(tooSoon), tooSoon, "unknown_key");
    expect(entra.fetches.jwks).toBe(1);
  });

  it("shares one refetch among concurrent tokens with unknown kids", async () => {
    await verify(await tokenSignedWith(firstKey));
    entra.advanceSeconds(COOLDOWN_SECONDS + 1);
    const unknown = await tokenSignedWith(unpublishedKey);
    await Promise.all(Array.from({ length: 5 }, () => expectRejected(verify(unknown), unknown, "unknown_key")));
    expect(entra.fetches.jwks).toBe(2);
  });

  it("stops accepting a withdrawn key once the keys age out", async () => {
    const aged = entra.verifier({ jwksMaxAgeSeconds: 3600 });
    const verifyAged = (token: string) => aged.verifyIdToken(token, { nonce: NONCE });
    await verifyAged(await tokenSignedWith(firstKey));
    entra.publish(rotatedKey);
    entra.withdraw(firstKey);
    entra.advanceSeconds(3601);

    const withdrawn = await tokenSignedWith(firstKey);
    await expectRejected(verifyAged(withdrawn), withdrawn, "unknown_key");
    await expect(verifyAged(await tokenSignedWith(rotatedKey))).resolves.toMatchObject({ nonce: NONCE });
  });

  it("keeps using aged keys while Entra cannot be reached", async () => {
    const aged = entra.verifier({ jwksMaxAgeSeconds: 3600 });
    await aged.verifyIdToken(await tokenSignedWith(firstKey), { nonce: NONCE });
    entra.advanceSeconds(3601);
    entra.failWithStatus = 503;
    await expect(aged.verifyIdToken(await tokenSignedWith(firstKey), { nonce: NONCE })).resolves.toMatchObject({ nonce: NONCE });
  });
});

describe("when Entra's documents are unavailable or wrong", () => {
  it("reports an unreachable tenant as EntraMetadataError, and tries again on the next verification", async () => {
    const token = await tokenSignedWith(firstKey);
    entra.failWithStatus = 503;
    await expect(verify(token)).rejects.toThrow(EntraMetadataError);
    await expect(verify(token)).rejects.toThrow(/HTTP 503 for the OpenID configuration/);

    entra.failWithStatus = undefined;
    await expect(verify(token)).resolves.toMatchObject({ nonce: NONCE });
  });

  it("refuses a discovery document naming another issuer, pointing at the settings", async () => {
    entra.discoveryIssuer = "https://login.elsewhere.test/7c1c3d5e-0c4b-4a43-9f0e-5a2b1f3c9d10/v2.0";
    await expect(verify(await tokenSignedWith(firstKey))).rejects.toThrow(/check the authority host and tenant id/);
  });

  it("accepts a multi-tenant discovery document whose issuer holds the {tenantid} placeholder", async () => {
    entra.discoveryIssuer = "https://login.example.test/{tenantid}/v2.0";
    await expect(verify(await tokenSignedWith(firstKey))).resolves.toMatchObject({ nonce: NONCE });
  });
});
