// 50 signed-in pollers of an endpoint's live rollout stats for 60 s against the built app and the
// emulator: response times, and how many queries reached Log Analytics (the shared read cache
// should send one per query key per 15 s refresh interval, however many pollers ask). Two rounds:
// pollers refreshing every 5 s, as a status panel does (the goal), and every 1 s (a stress figure).
// Goals: p95 ≤ 150 ms; Log Analytics queries ≤ one per started 15 s interval.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../scripts/lib/build.mjs";
import { freePort, shutdown } from "../scripts/lib/processes.mjs";
import { startStack } from "../scripts/lib/stack.mjs";
import { percentile } from "./https-client";

const POLLERS = 50;
const DURATION_MS = 60_000;
/** Each poller asks again this long after its previous answer: a status panel's refresh, then a stress round. */
const ROUNDS_POLL_EVERY_MS = [5000, 1000];
const REFRESH_INTERVAL_MS = 15_000;
const ENDPOINT = "churn-endpoint";
const ROUTE = `/api/rollouts/endpoints/${ENDPOINT}/live`;

interface Endpoints {
  entra: string;
  control: string;
  caFile: string;
  users: { key: string; username: string }[];
}

/** One HTTPS request to the emulator (its own CA), redirects not followed. */
function emulatorRequest(endpoints: Endpoints, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
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

/** Signs in through the emulator's Entra ID account picker as a browser would; returns the session cookie. */
async function signIn(appUrl: string, endpoints: Endpoints, userKey: string): Promise<string> {
  const user = endpoints.users.find((candidate) => candidate.key === userKey);
  if (!user) throw new Error(`no demo user ${userKey}`);
  const start = await fetch(`${appUrl}/auth/sign-in?returnTo=/`, { redirect: "manual" });
  const picker = await emulatorRequest(endpoints, start.headers.get("location")!);
  const context = /name="ctx" value="([^"]+)"/.exec(picker.body)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(picker.body)?.[1];
  const username = user.username.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const oid = new RegExp(`value="([^"]+)"[^>]*>\\s*<span class="name">[^<]*</span>\\s*<span class="username">${username}</span>`).exec(picker.body)?.[1];
  if (!context || !action || !oid) throw new Error("the account picker did not list the user");
  const picked = await emulatorRequest(endpoints, `${endpoints.entra}${action}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ctx: context, user: oid }).toString(),
  });
  if (!picked.location) throw new Error(`the account picker answered ${picked.status} without a redirect`);
  const callback = await fetch(picked.location, { redirect: "manual", headers: { cookie: cookiesOf(start).join("; ") } });
  const session = cookiesOf(callback).find((cookie) => cookie.includes("stagegate_s") && !cookie.endsWith("="));
  if (!session) throw new Error(`sign-in did not set a session cookie (callback answered ${callback.status})`);
  return session;
}

/** Queries the emulator's Log Analytics API answered, from its request counters. */
async function logAnalyticsQueries(endpoints: Endpoints): Promise<number> {
  const counters = JSON.parse((await emulatorRequest(endpoints, `${endpoints.control}/_emulator/requests`)).body) as Record<string, Record<string, number>>;
  return Object.entries(counters.logs ?? {})
    .filter(([route]) => route.includes("/query") || route.includes("$batch"))
    .reduce((sum, [, count]) => sum + count, 0);
}

async function poll(url: string, cookie: string, everyMs: number, until: number, latencies: number[], statuses: Map<number, number>) {
  // Spread the pollers' first requests over one period, as independent browsers would be.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * everyMs));
  while (Date.now() < until) {
    const began = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    await response.arrayBuffer();
    latencies.push(performance.now() - began);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** One round: POLLERS pollers for DURATION_MS, then what the emulator's Log Analytics answered meanwhile. */
async function round(url: string, cookie: string, endpoints: Endpoints, everyMs: number) {
  await emulatorRequest(endpoints, `${endpoints.control}/_emulator/requests`, { method: "DELETE" });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = Date.now();
  await Promise.all(Array.from({ length: POLLERS }, () => poll(`${url}${ROUTE}`, cookie, everyMs, started + DURATION_MS, latencies, statuses)));
  const elapsedMs = Date.now() - started;
  const queries = await logAnalyticsQueries(endpoints);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    pollEveryMs: everyMs,
    durationMs: elapsedMs,
    requests: sorted.length,
    statuses: Object.fromEntries(statuses),
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: Math.round(sorted.at(-1)! * 10) / 10,
    logAnalyticsQueries: queries,
    // One query key (the live stats of one endpoint): at most one query per started refresh interval.
    logAnalyticsQueriesAllowed: Math.ceil(elapsedMs / REFRESH_INTERVAL_MS),
  };
}

/** Builds the app if its sources changed, with the build's output on stderr: stdout carries the figures. */
function buildApp(): Promise<void> {
  const script = `import { buildApp } from ${JSON.stringify(pathToFileURL(path.join(ROOT, "scripts", "lib", "build.mjs")).href)}; await buildApp();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, stdio: ["ignore", 2, 2] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the build failed (exit ${code})`))));
  });
}

export async function benchRolloutPollers() {
  await buildApp();
  const dataDir = mkdtempSync(path.join(tmpdir(), "stagegate-bench-pollers-"));
  try {
    const { url, endpoints } = (await startStack({ port: await freePort(), env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" }, quiet: true })) as {
      url: string;
      endpoints: Endpoints;
    };
    const cookie = await signIn(url, endpoints, "viewer");
    const anonymous = await fetch(`${url}${ROUTE}`);
    if (anonymous.status !== 401) throw new Error(`the route answered ${anonymous.status} without a session`);
    // One warm-up read compiles the route and fills the cache; the count starts after it.
    const warm = await fetch(`${url}${ROUTE}`, { headers: { cookie } });
    const sample = (await warm.json()) as { arms?: { deployment: string; live: { requests: number; p95Ms: number | null } }[] };
    if (warm.status !== 200) throw new Error(`the route answered ${warm.status}: ${JSON.stringify(sample)}`);
    const rounds = [];
    for (const everyMs of ROUNDS_POLL_EVERY_MS) rounds.push(await round(url, cookie, endpoints, everyMs));
    return {
      pollers: POLLERS,
      rounds,
      liveSample: sample.arms?.map((arm) => ({ deployment: arm.deployment, requests: arm.live.requests, p95Ms: arm.live.p95Ms })),
      goals: { p95Ms: 150, queriesPerKeyPerInterval: 1 },
    };
  } finally {
    await shutdown();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
