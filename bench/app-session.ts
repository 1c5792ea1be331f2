// Signing in to a running app through the emulator's Entra ID as a browser would, and building the
// app before a bench, for benches that drive the app over HTTP.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../scripts/lib/build.mjs";

export interface Endpoints {
  entra: string;
  control: string;
  caFile: string;
  users: { key: string; username: string }[];
}

/** One HTTPS request to the emulator (its own CA), redirects not followed. */
export function emulatorRequest(endpoints: Endpoints, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const agent = new Agent({ ca: readFileSync(endpoints.caFile, "utf8") });
  return new Promise<{ status: number; location: string | undefined; body: string }>((resolve, reject) => {
    const req = request(url, { method: init.method ?? "GET", headers: init.headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, location: response.headers.location, body: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);

/** A request to a page of the emulator's Entra ID a browser opens: over plain HTTP (its browser listener) or HTTPS (its CA). */
async function entraPage(endpoints: Endpoints, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  if (new URL(url).protocol === "https:") return emulatorRequest(endpoints, url, init);
  const response = await fetch(url, { ...init, redirect: "manual" });
  return { status: response.status, location: response.headers.get("location") ?? undefined, body: await response.text() };
}

const decodeHtml = (text: string) => text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

/** Signs in through the emulator's Entra ID account picker as a browser would; returns the session cookie. */
export async function signIn(appUrl: string, endpoints: Endpoints, userKey: string): Promise<string> {
  const user = endpoints.users.find((candidate) => candidate.key === userKey);
  if (!user) throw new Error(`no demo user ${userKey}`);
  const start = await fetch(`${appUrl}/auth/sign-in?returnTo=/`, { redirect: "manual" });
  // The tenant's discovery document names the authorize page, wherever the emulator serves it.
  const authorize = start.headers.get("location")!;
  const picker = await entraPage(endpoints, authorize);
  const context = /name="ctx" value="([^"]+)"/.exec(picker.body)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(picker.body)?.[1];
  const username = user.username.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const oid = new RegExp(`value="([^"]+)"[^>]*>\\s*<span class="name">[^<]*</span>\\s*<span class="username">${username}</span>`).exec(picker.body)?.[1];
  if (!context || !action || !oid) throw new Error("the account picker did not list the user");
  const picked = await entraPage(endpoints, new URL(decodeHtml(action), authorize).toString(), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ctx: decodeHtml(context), user: decodeHtml(oid) }).toString(),
  });
  if (!picked.location) throw new Error(`the account picker answered ${picked.status} without a redirect`);
  const callback = await fetch(picked.location, { redirect: "manual", headers: { cookie: cookiesOf(start).join("; ") } });
  const session = cookiesOf(callback).find((cookie) => cookie.includes("stagegate_s") && !cookie.endsWith("="));
  if (!session) throw new Error(`sign-in did not set a session cookie (callback answered ${callback.status})`);
  return session;
}

/** POSTs JSON to the app as a signed-in user's script would (same origin, idempotency key); the answer's body. */
export async function postJson(appUrl: string, cookie: string, route: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${appUrl}${route}`, {
    method: "POST",
    headers: { cookie, origin: new URL(appUrl).origin, "content-type": "application/json", "idempotency-key": randomUUID() },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201) throw new Error(`POST ${route} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/** Builds the app if its sources changed, with the build's output on stderr: stdout carries the figures. */
export function buildApp(): Promise<void> {
  const script = `import { buildApp } from ${JSON.stringify(pathToFileURL(path.join(ROOT, "scripts", "lib", "build.mjs")).href)}; await buildApp();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, stdio: ["ignore", 2, 2] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the build failed (exit ${code})`))));
  });
}
