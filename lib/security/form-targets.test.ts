import { describe, expect, it } from "vitest";
import { entraFormTargets } from "./form-targets";

const AUTHORITY = "https://login.example:8440";
const TENANT = "11111111-2222-3333-4444-555555555555";

function discovery(document: Record<string, unknown>, status = 200) {
  const calls: string[] = [];
  const fetch = async (url: string) => {
    calls.push(url);
    return new Response(JSON.stringify(document), { status, headers: { "content-type": "application/json" } });
  };
  return { calls, fetch };
}

describe("form-action targets from the tenant's discovery document", () => {
  it("adds the origins of the authorize and end-session pages the discovery document names, read once", async () => {
    const { calls, fetch } = discovery({
      issuer: `${AUTHORITY}/${TENANT}/v2.0`,
      authorization_endpoint: `http://127.0.0.1:8446/${TENANT}/oauth2/v2.0/authorize`,
      end_session_endpoint: `http://127.0.0.1:8446/${TENANT}/oauth2/v2.0/logout`,
      token_endpoint: `${AUTHORITY}/${TENANT}/oauth2/v2.0/token`,
    });
    const targets = entraFormTargets({ authorityHost: AUTHORITY, tenantId: TENANT, timeoutMs: 1000, fetch });
    expect(await targets()).toEqual([AUTHORITY, "http://127.0.0.1:8446"]);
    expect(await targets()).toEqual([AUTHORITY, "http://127.0.0.1:8446"]);
    expect(calls).toEqual([`${AUTHORITY}/${TENANT}/v2.0/.well-known/openid-configuration`]);
  });

  it("on Entra ID itself, where every page is on the authority host, the target is that host alone", async () => {
    const host = "https://login.microsoftonline.com";
    const { fetch } = discovery({ authorization_endpoint: `${host}/${TENANT}/oauth2/v2.0/authorize`, end_session_endpoint: `${host}/${TENANT}/oauth2/v2.0/logout` });
    expect(await entraFormTargets({ authorityHost: host, tenantId: TENANT, timeoutMs: 1000, fetch })()).toEqual([host]);
  });

  it("ignores endpoints that are not http(s) URLs", async () => {
    const { fetch } = discovery({ authorization_endpoint: "javascript:alert(1)", end_session_endpoint: 42 });
    expect(await entraFormTargets({ authorityHost: AUTHORITY, tenantId: TENANT, timeoutMs: 1000, fetch })()).toEqual([AUTHORITY]);
  });

  it("falls back to the authority host when the document cannot be read, and tries again only after a while", async () => {
    let clock = 0;
    let answer: Response | Error = new Error("connection refused");
    let calls = 0;
    const fetch = async () => {
      calls += 1;
      if (answer instanceof Error) throw answer;
      return answer;
    };
    const targets = entraFormTargets({ authorityHost: AUTHORITY, tenantId: TENANT, timeoutMs: 1000, fetch, now: () => clock, retryAfterMs: 30_000 });
    expect(await targets()).toEqual([AUTHORITY]);
    expect(await targets()).toEqual([AUTHORITY]);
    expect(calls).toBe(1);
    answer = new Response(JSON.stringify({ end_session_endpoint: "http://127.0.0.1:8446/t/oauth2/v2.0/logout" }));
    clock = 30_000;
    await targets();
    // The retry runs in the background once the first wait is over; the next request sees it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await targets()).toEqual([AUTHORITY, "http://127.0.0.1:8446"]);
    expect(calls).toBe(2);
  });

  it("waits at most firstWaitMs for a document that does not come, then answers without it", async () => {
    const fetch = () => new Promise<Response>(() => undefined);
    const targets = entraFormTargets({ authorityHost: AUTHORITY, tenantId: TENANT, timeoutMs: 60_000, fetch, firstWaitMs: 50 });
    const started = performance.now();
    expect(await targets()).toEqual([AUTHORITY]);
    expect(performance.now() - started).toBeLessThan(1000);
    const again = performance.now();
    expect(await targets()).toEqual([AUTHORITY]);
    expect(performance.now() - again).toBeLessThan(20);
  });

  it("has no target without sign-in settings", async () => {
    expect(await entraFormTargets({ timeoutMs: 1000 })()).toEqual([]);
    expect(await entraFormTargets({ authorityHost: AUTHORITY, timeoutMs: 1000 })()).toEqual([AUTHORITY]);
  });
});
