// The refresh_token grant as Stagegate's role re-check uses it: the id token carries the user's
// roles at the time of the refresh, and the control API changes them as an Entra admin would
// (app-role assignment, accountEnabled, revokeSignInSessions), each refusal in Entra's words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningService } from "../../http/service-host";
import { startTestService, stopServices } from "../../testing/test-context";
import { createControlService } from "../control/control-service";
import { REDIRECT_URI, claimsOf, pkcePair, postToken, signInForCode, startEntraForTest, type EntraUnderTest } from "./entra-test-harness";

describe("Entra refresh_token grant", () => {
  let entra: EntraUnderTest;
  let control: RunningService;

  beforeAll(async () => {
    entra = await startEntraForTest();
    control = await startTestService(entra.context, "control", createControlService(entra.context, () => ({}), entra.entra));
  });
  afterAll(async () => {
    await stopServices([control]);
    await entra.stop();
  });

  const client = () => ({ client_id: entra.context.identity.clientId, client_secret: entra.context.identity.clientSecret });
  const refresh = (token: string) => postToken(entra.authority, { ...client(), grant_type: "refresh_token", refresh_token: token, scope: "openid profile email offline_access" });
  const controlPost = async (path: string, body?: unknown) => {
    const response = await fetch(`${control.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  async function signIn(key: string): Promise<string> {
    const { verifier, challenge } = pkcePair();
    const code = await signInForCode(entra, entra.user(key), challenge, { scope: "openid profile email offline_access" });
    const tokens = await postToken(entra.authority, { ...client(), grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier, scope: "openid profile email offline_access" });
    expect(tokens.status).toBe(200);
    return tokens.body.refresh_token as string;
  }

  function expectInvalidGrant(answer: { status: number; body: Record<string, unknown> }, code: number) {
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: "invalid_grant", error_codes: [code] });
    expect(answer.body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
  }

  it("gives an id token with the roles assigned now, without a nonce, and a rotated refresh token", async () => {
    const first = await signIn("ml-lead-3");
    expect(claimsOf((await refresh(first)).body.id_token as string)).toBeDefined();
    const changed = await controlPost("/_emulator/users/ml-lead-3/roles", { roles: ["Stagegate.Viewer", "Stagegate.MLLead"] });
    expect(changed).toMatchObject({ status: 200, body: { key: "ml-lead-3", roles: ["Stagegate.Viewer", "Stagegate.MLLead"], accountEnabled: true } });
    // The first refresh above used `first`; a new sign-in gives a live token.
    const live = await signIn("ml-lead-3");
    const refreshed = await refresh(live);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(live);
    const claims = claimsOf(refreshed.body.id_token as string);
    expect(claims).toMatchObject({ oid: entra.user("ml-lead-3").oid, roles: ["Stagegate.Viewer", "Stagegate.MLLead"], aud: entra.context.identity.clientId });
    expect(claims).not.toHaveProperty("nonce");

    // Every role removed: the token leaves `roles` out, as Entra does, and the grant still works.
    await controlPost("/_emulator/users/ml-lead-3/roles", { roles: [] });
    const again = await refresh(refreshed.body.refresh_token as string);
    expect(again.status).toBe(200);
    expect(claimsOf(again.body.id_token as string)).not.toHaveProperty("roles");
    await controlPost("/_emulator/users/ml-lead-3/roles", { roles: ["Stagegate.MLLead"] });
    expect(claimsOf((await refresh(again.body.refresh_token as string)).body.id_token as string)).toMatchObject({ roles: ["Stagegate.MLLead"] });
  });

  it("refuses a disabled account's refresh with AADSTS50057, and serves it again once enabled", async () => {
    const token = await signIn("ml-lead-3");
    expect((await controlPost("/_emulator/users/ml-lead-3/account", { enabled: false })).body).toMatchObject({ accountEnabled: false });
    try {
      expectInvalidGrant(await refresh(token), 50057);
    } finally {
      await controlPost("/_emulator/users/ml-lead-3/account", { enabled: true });
    }
    expect((await refresh(await signIn("ml-lead-3"))).status).toBe(200);
  });

  it("refuses refresh tokens issued before revokeSignInSessions with AADSTS50173", async () => {
    const token = await signIn("ml-lead-3");
    const revoked = await controlPost("/_emulator/users/ml-lead-3/revoke-sessions");
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedRefreshTokens).toBeGreaterThanOrEqual(1);
    expectInvalidGrant(await refresh(token), 50173);
    // A sign-in after the revocation gets a working token.
    expect((await refresh(await signIn("ml-lead-3"))).status).toBe(200);
  });

  it("validates the control requests and restores the scenario's assignments on reset", async () => {
    expect((await controlPost("/_emulator/users/nobody/roles", { roles: [] })).status).toBe(404);
    expect((await controlPost("/_emulator/users/ml-lead-3/roles", { roles: ["Stagegate.Owner"] })).status).toBe(400);
    expect((await controlPost("/_emulator/users/ml-lead-3/roles", { roles: [], extra: 1 })).status).toBe(400);
    await controlPost("/_emulator/users/viewer/roles", { roles: [] });
    await controlPost("/_emulator/users/viewer/account", { enabled: false });
    expect((await controlPost("/_emulator/reset")).status).toBe(200);
    const users = (await (await fetch(`${control.url}/_emulator/users`)).json()) as { key: string; roles: string[]; accountEnabled: boolean }[];
    expect(users.find((user) => user.key === "viewer")).toMatchObject({ roles: ["Stagegate.Viewer"], accountEnabled: true });
  });
});
