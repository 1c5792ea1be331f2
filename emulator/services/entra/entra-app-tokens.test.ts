// Client-credentials tokens through @azure/identity, and the TokenVerifier the other services use.
import { ClientSecretCredential } from "@azure/identity";
import { SignJWT } from "jose";
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOUR_MS } from "../../scenario/clock";
import { claimsOf, startEntraForTest, type EntraUnderTest } from "./entra-test-harness";

const ARM_SCOPE = "https://management.azure.com/.default";

describe("Entra app tokens and the token verifier", () => {
  let entra: EntraUnderTest;
  // Token lifetimes follow this clock, so a test can move past a token's expiry.
  let nowMs = Date.now();

  beforeAll(async () => {
    entra = await startEntraForTest({ now: () => new Date(nowMs) });
  });
  afterAll(() => entra.stop());

  const credential = (clientId: string, secret: string, tenantId = entra.context.identity.tenantId) =>
    new ClientSecretCredential(tenantId, clientId, secret, { authorityHost: entra.service.url, disableInstanceDiscovery: true });
  const stagegate = () => credential(entra.context.identity.clientId, entra.context.identity.clientSecret);

  it("issues a v1 ARM token that the verifier accepts for ARM's audience", async () => {
    const token = await stagegate().getToken(ARM_SCOPE);
    const { tenantId, clientId } = entra.context.identity;
    const claims = await entra.context.tokens.verifyAccessToken(token.token, ["https://management.azure.com/"]);
    expect(claims).toMatchObject({
      aud: "https://management.azure.com/",
      iss: `https://sts.windows.net/${tenantId}/`,
      ver: "1.0",
      appid: clientId,
      tid: tenantId,
      idtyp: "app",
      oid: entra.entra.directory.servicePrincipalOid(clientId, tenantId),
    });
    expect(claims).not.toHaveProperty("roles");
    expect(token.expiresOnTimestamp - nowMs).toBeGreaterThan(59 * 60 * 1000);
  });

  it("issues Log Analytics and metrics tokens, whether the resource is named with a trailing slash or not", async () => {
    const cases = [
      { scope: "https://api.loganalytics.io/.default", audience: "https://api.loganalytics.io" },
      { scope: "https://metrics.monitor.azure.com//.default", audience: "https://metrics.monitor.azure.com" },
    ];
    for (const { scope, audience } of cases) {
      const token = await stagegate().getToken(scope);
      expect(claimsOf(token.token).aud).toBe(audience);
      await expect(entra.context.tokens.verifyAccessToken(token.token, [`${audience}/`])).resolves.toMatchObject({ aud: audience });
    }
  });

  it("gives the pipeline client's token for Stagegate's API the Stagegate.Pipeline role", async () => {
    const { pipelineClient, appIdUri } = entra.context.identity;
    const token = await credential(pipelineClient.clientId, pipelineClient.clientSecret).getToken(`${appIdUri}/.default`);
    const claims = await entra.context.tokens.verifyAccessToken(token.token, [appIdUri]);
    expect(claims).toMatchObject({ aud: appIdUri, appid: pipelineClient.clientId, roles: ["Stagegate.Pipeline"] });
  });

  it("refuses a wrong client secret with AADSTS7000215", async () => {
    await expect(credential(entra.context.identity.clientId, "not-the-secret").getToken(ARM_SCOPE)).rejects.toThrow(/AADSTS7000215/);
  });

  it("does not know the pipeline client in the other tenant", async () => {
    const { pipelineClient, otherTenantId } = entra.context.identity;
    await expect(credential(pipelineClient.clientId, pipelineClient.clientSecret, otherTenantId).getToken(ARM_SCOPE)).rejects.toThrow(/AADSTS700016/);
  });

  it("rejects a token for another audience", async () => {
    const token = await stagegate().getToken(ARM_SCOPE);
    await expect(entra.context.tokens.verifyAccessToken(token.token, ["https://api.loganalytics.io"])).rejects.toThrow(/audience 'https:\/\/management.azure.com\/' is not 'https:\/\/api.loganalytics.io'/);
  });

  it("rejects a tampered token", async () => {
    const token = (await stagegate().getToken(ARM_SCOPE)).token;
    const [header, , signature] = token.split(".");
    const forgedClaims = Buffer.from(JSON.stringify({ ...claimsOf(token), roles: ["Stagegate.Admin"] })).toString("base64url");
    await expect(entra.context.tokens.verifyAccessToken(`${header}.${forgedClaims}.${signature}`, ["https://management.azure.com/"])).rejects.toThrow(
      /signature does not verify/,
    );
    await expect(entra.context.tokens.verifyAccessToken("not-a-jwt", ["https://management.azure.com/"])).rejects.toThrow(/not a well-formed JWT/);
  });

  it("rejects a token signed by a key the directory does not have", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = await new SignJWT({ aud: "https://management.azure.com/", iss: `https://sts.windows.net/${entra.context.identity.tenantId}/` })
      .setProtectedHeader({ alg: "RS256", kid: "forged" })
      .setExpirationTime("1h")
      .sign(privateKey);
    await expect(entra.context.tokens.verifyAccessToken(forged, ["https://management.azure.com/"])).rejects.toThrow(/signing key 'forged' is not one of the directory's keys/);
  });

  it("rejects a token issued for the other tenant", async () => {
    // Stagegate is multi-tenant, so it can get a token in the other organization: the services must refuse it.
    const { clientId, clientSecret, otherTenantId } = entra.context.identity;
    const token = await credential(clientId, clientSecret, otherTenantId).getToken(ARM_SCOPE);
    expect(claimsOf(token.token).tid).toBe(otherTenantId);
    await expect(entra.context.tokens.verifyAccessToken(token.token, ["https://management.azure.com/"])).rejects.toThrow(/not by the tenant/);
  });

  it("rejects an expired token, allowing five minutes of clock skew", async () => {
    const token = (await stagegate().getToken(ARM_SCOPE)).token;
    const issuedAt = nowMs;
    try {
      nowMs = issuedAt + HOUR_MS + 4 * 60 * 1000;
      await expect(entra.context.tokens.verifyAccessToken(token, ["https://management.azure.com/"])).resolves.toBeTruthy();
      nowMs = issuedAt + 2 * HOUR_MS;
      await expect(entra.context.tokens.verifyAccessToken(token, ["https://management.azure.com/"])).rejects.toThrow(/expired/);
    } finally {
      nowMs = Date.now();
    }
  });
});
