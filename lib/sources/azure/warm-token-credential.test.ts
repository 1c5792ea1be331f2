import type { AccessToken, GetTokenOptions } from "@azure/core-auth";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ACQUIRE_TIMEOUT_MS, REFRESH_MARGIN_MS, RETRY_MS, WarmTokenCredential } from "./warm-token-credential";

const HOUR = 3_600_000;
const ARM = { scopes: ["https://management.azure.com/.default"], enableCae: true };

/** Entra as the inner credential sees it: each call a new token valid an hour, unless told to fail or to repeat itself. */
function fakeEntra() {
  const calls: { scopes: string[]; options: GetTokenOptions }[] = [];
  let serial = 0;
  let last: AccessToken | null = null;
  const state = { failing: false, repeating: false, hanging: false };
  const inner = {
    getToken: vi.fn(async (scopes: string | string[], options: GetTokenOptions = {}) => {
      calls.push({ scopes: [scopes].flat(), options });
      await Promise.resolve();
      if (state.hanging) return new Promise<AccessToken>(() => undefined);
      if (state.failing) throw Object.assign(new Error("AADSTS50000: Entra is down"), { name: "AuthenticationError" });
      if (state.repeating && last) return last;
      last = { token: `token-${++serial}`, expiresOnTimestamp: Date.now() + HOUR };
      return last;
    }),
  };
  return { inner, calls, state };
}

describe("WarmTokenCredential", () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.parse("2026-12-03T12:00:00Z") }));
  afterEach(() => vi.useRealTimers());

  it("serves a warmed token without asking Entra again, per scope and CAE flag", async () => {
    const entra = fakeEntra();
    const credential = new WarmTokenCredential(entra.inner);
    expect(await credential.warm([ARM, { scopes: ["mlflow/.default"] }])).toEqual({ acquired: 2, failed: [] });
    expect(entra.calls).toEqual([
      { scopes: ARM.scopes, options: { enableCae: true } },
      { scopes: ["mlflow/.default"], options: {} },
    ]);
    expect((await credential.getToken(ARM.scopes, { enableCae: true, abortSignal: new AbortController().signal }))?.token).toBe("token-1");
    expect((await credential.getToken("mlflow/.default"))?.token).toBe("token-2");
    expect(entra.calls).toHaveLength(2);
    // The same scope without CAE is another token (MSAL keeps them apart).
    expect((await credential.getToken(ARM.scopes))?.token).toBe("token-3");
    credential.stop();
  });

  it("shares one acquisition between the warm-up and the callers that arrive meanwhile", async () => {
    const entra = fakeEntra();
    const credential = new WarmTokenCredential(entra.inner);
    const [warmed, first, second] = await Promise.all([credential.warm([ARM]), credential.getToken(ARM.scopes, { enableCae: true }), credential.getToken(ARM.scopes, { enableCae: true })]);
    expect(warmed.acquired).toBe(1);
    expect([first?.token, second?.token]).toEqual(["token-1", "token-1"]);
    expect(entra.calls).toHaveLength(1);
    credential.stop();
  });

  it("refreshes a token before it expires, so callers never wait for one", async () => {
    const entra = fakeEntra();
    const credential = new WarmTokenCredential(entra.inner);
    await credential.warm([ARM]);
    await vi.advanceTimersByTimeAsync(HOUR - REFRESH_MARGIN_MS - 1000);
    expect(entra.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(entra.calls).toHaveLength(2);
    expect((await credential.getToken(ARM.scopes, { enableCae: true }))?.token).toBe("token-2");
    // And again an hour later.
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(entra.calls).toHaveLength(3);
    credential.stop();
  });

  it("retries a failed refresh while the token lasts, then leaves it to the next caller", async () => {
    const entra = fakeEntra();
    const failures: unknown[] = [];
    const credential = new WarmTokenCredential(entra.inner, (_request, error) => failures.push(error));
    await credential.warm([ARM]);
    entra.state.failing = true;
    await vi.advanceTimersByTimeAsync(HOUR - REFRESH_MARGIN_MS + 1);
    expect(entra.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(entra.calls).toHaveLength(3);
    // Until it expires: one attempt per RETRY_MS, then none.
    await vi.advanceTimersByTimeAsync(REFRESH_MARGIN_MS + HOUR);
    const attempts = entra.calls.length;
    expect(attempts).toBeLessThanOrEqual(2 + REFRESH_MARGIN_MS / RETRY_MS + 1);
    expect(failures).toHaveLength(attempts - 1);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(entra.calls).toHaveLength(attempts);
    // The token expired: the next caller acquires (and sees Entra's failure).
    await expect(credential.getToken(ARM.scopes, { enableCae: true })).rejects.toThrow("Entra is down");
    entra.state.failing = false;
    expect((await credential.getToken(ARM.scopes, { enableCae: true }))?.token).toMatch(/^token-/);
    credential.stop();
  });

  it("asks again later, not in a loop, when Entra's library answers the same token", async () => {
    const entra = fakeEntra();
    const credential = new WarmTokenCredential(entra.inner);
    await credential.warm([ARM]);
    entra.state.repeating = true;
    await vi.advanceTimersByTimeAsync(HOUR - REFRESH_MARGIN_MS + 1);
    expect(entra.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(RETRY_MS - 10);
    expect(entra.calls).toHaveLength(2);
    entra.state.repeating = false;
    await vi.advanceTimersByTimeAsync(20);
    expect(entra.calls).toHaveLength(3);
    expect((await credential.getToken(ARM.scopes, { enableCae: true }))?.token).toBe("token-2");
    credential.stop();
  });

  it("warm-up never rejects when Entra is down; a later caller acquires then", async () => {
    const entra = fakeEntra();
    entra.state.failing = true;
    const credential = new WarmTokenCredential(entra.inner);
    const warmed = await credential.warm([ARM]);
    expect(warmed.acquired).toBe(0);
    expect(warmed.failed).toHaveLength(1);
    entra.state.failing = false;
    expect((await credential.getToken(ARM.scopes, { enableCae: true }))?.token).toBe("token-1");
    credential.stop();
  });

  it("passes a claims challenge straight to Entra, never serving or replacing the shared token", async () => {
    const entra = fakeEntra();
    const credential = new WarmTokenCredential(entra.inner);
    await credential.warm([ARM]);
    expect((await credential.getToken(ARM.scopes, { enableCae: true, claims: "eyJhY2Nlc3NfdG9rZW4iOnt9fQ" }))?.token).toBe("token-2");
    expect((await credential.getToken(ARM.scopes, { enableCae: true }))?.token).toBe("token-1");
    credential.stop();
  });

  it("gives up an acquisition Entra leaves unanswered, so that the next caller asks anew", async () => {
    const entra = fakeEntra();
    entra.state.hanging = true;
    const credential = new WarmTokenCredential(entra.inner);
    const waiting = credential.getToken(ARM.scopes, { enableCae: true });
    const alsoWaiting = credential.getToken(ARM.scopes, { enableCae: true });
    const outcomes = Promise.allSettled([waiting, alsoWaiting]);
    await vi.advanceTimersByTimeAsync(ACQUIRE_TIMEOUT_MS);
    const [first, second] = await outcomes;
    expect(first).toMatchObject({ status: "rejected", reason: { name: "CredentialUnavailableError" } });
    expect(second.status).toBe("rejected");
    expect(entra.calls).toHaveLength(1);
    entra.state.hanging = false;
    expect((await credential.getToken(ARM.scopes, { enableCae: true }))?.token).toBe("token-1");
    credential.stop();
  });
});
