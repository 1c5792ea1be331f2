// Test support for the Entra service: starts it on a temporary data folder and plays the browser's
// part of a sign-in (open the authorize URL, submit the account picker, read where it redirects).
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { EmulatorContext } from "../../context";
import type { RunningService } from "../../http/service-host";
import type { DemoUser } from "../../scenario/users";
import { startTestService, stopServices, testContext } from "../../testing/test-context";
import { createEntraBrowserService, createEntraService, createEntraState, createEntraTokenVerifier, type EntraState } from "./entra-service";

export const REDIRECT_URI = "http://localhost:3000/auth/callback";

export interface EntraUnderTest {
  context: EmulatorContext;
  entra: EntraState;
  service: RunningService;
  /** The plain-HTTP listener of the pages a browser opens (authorize, sign-in form, logout). */
  browser: RunningService;
  /** `${urls.entra}/${home tenant}` */
  authority: string;
  /** `${urls.entraBrowser}/${home tenant}`: where discovery sends browsers. */
  browserAuthority: string;
  user(key: string): DemoUser;
  stop(): Promise<void>;
}

/** Starts Entra with its keys in a fresh temp folder; `now` drives token lifetimes. */
export async function startEntraForTest(options: { now?: () => Date } = {}): Promise<EntraUnderTest> {
  const context = testContext();
  context.options.dataDir = mkdtempSync(path.join(os.tmpdir(), "entra-test-"));
  const entra = createEntraState(context, options);
  context.tokens = createEntraTokenVerifier(context, entra);
  const service = await startTestService(context, "entra", createEntraService(context, entra));
  const browser = await startTestService(context, "entraBrowser", createEntraBrowserService(context, entra));
  return {
    context,
    entra,
    service,
    browser,
    authority: `${service.url}/${context.identity.tenantId}`,
    browserAuthority: `${browser.url}/${context.identity.tenantId}`,
    user(key) {
      const found = entra.directory.users.find((user) => user.key === key);
      if (!found) throw new Error(`no demo user ${key}`);
      return found;
    },
    async stop() {
      await stopServices([service, browser]);
      rmSync(context.options.dataDir, { recursive: true, force: true });
    },
  };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** An authorize URL for Stagegate with PKCE; `overrides` replace or (with null) drop parameters. */
export function authorizeUrl(authority: string, clientId: string, challenge: string, overrides: Record<string, string | null> = {}): string {
  const url = new URL(`${authority}/oauth2/v2.0/authorize`);
  const parameters: Record<string, string | null> = {
    client_id: clientId,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: "openid profile offline_access",
    state: "state-123",
    nonce: "nonce-456",
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...overrides,
  };
  for (const [name, value] of Object.entries(parameters)) if (value !== null) url.searchParams.set(name, value);
  return url.toString();
}

export interface BrowserVisit {
  status: number;
  html: string;
  location?: string;
  cookie?: string;
}

/** One browser request that does not follow redirects, carrying and collecting the session cookie. */
export async function visit(url: string, init: { method?: string; form?: Record<string, string>; cookie?: string } = {}): Promise<BrowserVisit> {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.cookie = init.cookie;
  if (init.form) headers["content-type"] = "application/x-www-form-urlencoded";
  const response = await fetch(url, { method: init.method ?? (init.form ? "POST" : "GET"), headers, body: init.form ? new URLSearchParams(init.form) : undefined, redirect: "manual" });
  const setCookie = response.headers.get("set-cookie")?.split(";")[0];
  return { status: response.status, html: await response.text(), location: response.headers.get("location") ?? undefined, cookie: setCookie ?? init.cookie };
}

/** Opens the account picker and presses the button of the user, as a person would. */
export async function pickAccount(authorizeUrlText: string, user: DemoUser, cookie?: string): Promise<BrowserVisit> {
  const picker = await visit(authorizeUrlText, { cookie });
  if (picker.status !== 200) throw new Error(`the authorize URL answered ${picker.status} ${picker.location ?? picker.html.slice(0, 300)}`);
  const action = /<form method="post" action="([^"]+)"/.exec(picker.html)?.[1];
  const context = /name="ctx" value="([^"]+)"/.exec(picker.html)?.[1];
  if (!action || !context) throw new Error("the account picker has no sign-in form");
  if (!picker.html.includes(`name="user" value="${user.oid}"`)) throw new Error(`the account picker has no button for ${user.displayName}`);
  return visit(new URL(action, authorizeUrlText).toString(), { form: { ctx: context, user: user.oid }, cookie });
}

/** Signs a user in on the browser listener, where discovery sends browsers, and returns the authorization code from the redirect. */
export async function signInForCode(entra: EntraUnderTest, user: DemoUser, challenge: string, overrides: Record<string, string | null> = {}): Promise<string> {
  const done = await pickAccount(authorizeUrl(entra.browserAuthority, entra.context.identity.clientId, challenge, overrides), user);
  const code = done.location ? new URL(done.location).searchParams.get("code") : null;
  if (!code) throw new Error(`no code in the redirect (${done.status} ${done.location ?? ""})`);
  return code;
}

/** Posts a token request form, as a confidential client would without MSAL. */
export async function postToken(authority: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${authority}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The claims of a JWT, unverified (tests check signatures separately). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}
