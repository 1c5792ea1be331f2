// The /models page on the large emulator estate (2,000 registered models): response time and
// MLflow calls per page view, for first pages, later pages (followed through the page's own Next
// link) and name searches. Each URL is requested twice in a row: cold (its cache key was never
// read, so the page must call MLflow) and warm (served from the read cache within its 15 s).
// Goals: p95 ≤ 300 ms and ≤ 2 MLflow calls per page. Times are measured by this client on
// localhost, so they include the app's whole render and the transfer of the streamed HTML.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildApp } from "../scripts/lib/build.mjs";
import { freePort, stopChild } from "../scripts/lib/processes.mjs";
import { startStack } from "../scripts/lib/stack.mjs";
import { percentile } from "./https-client";

const SEARCHES = ["roaming", "xgb", "fiber", "churn", "_00", "port_out", "lgbm_01", "iot"];
const GOALS = { p95Ms: 300, mlflowCallsPerPage: 2 };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request that follows no redirect and returns headers, over http (the app) or https with the emulator's CA. */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; ca?: string } = {}): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const handle = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    };
    const init = { method: options.method ?? "GET", headers: options.headers };
    const req = target.protocol === "https:" ? httpsRequest(target, { ...init, ca: options.ca }, handle) : httpRequest(target, init, handle);
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Cookie jar per origin, enough for the sign-in round trip. */
class Cookies {
  private jar = new Map<string, Map<string, string>>();

  store(url: string, answer: Answer): void {
    const origin = new URL(url).origin;
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    const setCookie = answer.headers["set-cookie"];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = line.split(";");
      const separator = pair!.indexOf("=");
      cookies.set(pair!.slice(0, separator).trim(), pair!.slice(separator + 1).trim());
    }
    this.jar.set(origin, cookies);
  }

  header(url: string): Record<string, string> {
    const cookies = this.jar.get(new URL(url).origin);
    return cookies && cookies.size > 0 ? { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") } : {};
  }
}

const decodeHtml = (text: string) => text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

/** Signs in as a person would, over HTTP: the app's sign-in, the emulator's Entra account picker, the callback. */
async function signIn(appUrl: string, endpoints: { caFile: string; users: { key: string; username: string }[] }): Promise<Record<string, string>> {
  const ca = readFileSync(endpoints.caFile, "utf8");
  const cookies = new Cookies();
  const hop = async (url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) => {
    const answer = await send(url, { ...init, ca, headers: { ...init.headers, ...cookies.header(url) } });
    cookies.store(url, answer);
    return answer;
  };
  const start = await hop(`${appUrl}/auth/sign-in?returnTo=%2Fmodels`);
  const authorize = String(start.headers.location);
  const picker = await hop(authorize);
  const username = endpoints.users.find((user) => user.key === "viewer")!.username;
  const form = /<form method="post" action="([^"]+)">\s*<input type="hidden" name="ctx" value="([^"]+)">/.exec(picker.body);
  const account = new RegExp(`name="user" value="([^"]+)"[^>]*>\\s*<span class="name">[^<]*</span>\\s*<span class="username">${username.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</span>`).exec(picker.body);
  if (!form || !account) throw new Error("the emulator's account picker did not list the viewer");
  const action = new URL(decodeHtml(form[1]!), authorize).toString();
  const chosen = await hop(action, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ctx: decodeHtml(form[2]!), user: decodeHtml(account[1]!) }).toString(),
  });
  const callback = await hop(String(chosen.headers.location));
  if (callback.status >= 400 || !String(callback.headers.location ?? "").includes("/models")) throw new Error(`sign-in callback answered ${callback.status}`);
  return cookies.header(appUrl);
}

async function mlflowCalls(control: string, ca: string): Promise<number> {
  const counts = JSON.parse((await send(`${control}/_emulator/requests`, { ca })).body) as Record<string, Record<string, number>>;
  return Object.values(counts.mlflow ?? {}).reduce((sum, count) => sum + count, 0);
}

interface Sample {
  kind: "first" | "next" | "search";
  ms: number;
  mlflowCalls: number;
}

function summary(samples: Sample[]) {
  const times = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const calls = samples.map((sample) => sample.mlflowCalls);
  return {
    requests: samples.length,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: Math.round(times.at(-1) ?? 0),
    mlflowCallsPerPage: { mean: Math.round((calls.reduce((sum, count) => sum + count, 0) / Math.max(1, calls.length)) * 100) / 100, max: Math.max(...calls) },
  };
}

export async function benchModelsPage({ pagesPerSize = 3, sizes = 40 } = {}) {
  await buildApp();
  const dataDir = mkdtempSync(path.join(tmpdir(), "stagegate-bench-models-"));
  const stack = await startStack({ port: await freePort(), env: { ...process.env, DATA_DIR: dataDir, EMULATOR_SCALE: "large", LOG_LEVEL: "warn" }, quiet: true });
  try {
    const { endpoints, url } = stack;
    const ca = readFileSync(endpoints.caFile, "utf8");
    const session = await signIn(url, endpoints);
    const cold: Sample[] = [];
    const warm: Sample[] = [];
    let failures = 0;
    const view = async (pathAndQuery: string, kind: Sample["kind"]) => {
      let nextHref: string | null = null;
      for (const [phase, samples] of [["cold", cold], ["warm", warm]] as const) {
        const before = await mlflowCalls(endpoints.control, ca);
        const began = performance.now();
        const answer = await send(`${url}${pathAndQuery}`, { headers: session });
        const ms = performance.now() - began;
        const ok = answer.status === 200 && /data-testid="(models-table|models-empty)"/.test(answer.body);
        if (!ok) failures += 1;
        samples.push({ kind, ms, mlflowCalls: (await mlflowCalls(endpoints.control, ca)) - before });
        if (phase === "cold") {
          const link = /<a [^>]*data-testid="next-page"[^>]*>/.exec(answer.body)?.[0];
          nextHref = link ? (/href="([^"]+)"/.exec(link)?.[1] ?? null) : null;
        }
      }
      return nextHref ? decodeHtml(nextHref) : null;
    };
    // Warm the server's code paths once (first compile of the route), outside the figures.
    await send(`${url}/models?size=1`, { headers: session });
    // Distinct page sizes make distinct cache keys: every "cold" request really reaches MLflow.
    for (let index = 0; index < sizes; index++) {
      const size = 20 + index;
      let next: string | null = await view(`/models?size=${size}`, "first");
      for (let page = 1; page < pagesPerSize && next; page++) next = await view(next, "next");
      await view(`/models?q=${encodeURIComponent(SEARCHES[index % SEARCHES.length]!)}&size=${size}`, "search");
    }
    const byKind = (samples: Sample[]) =>
      Object.fromEntries((["first", "next", "search"] as const).map((kind) => [kind, summary(samples.filter((sample) => sample.kind === kind))]));
    const coldSummary = summary(cold);
    return {
      estate: { scale: endpoints.scale, registeredModels: 2000 },
      cold: { ...coldSummary, byKind: byKind(cold) },
      warm: { ...summary(warm), byKind: byKind(warm) },
      failures,
      goals: GOALS,
      meetsGoals: coldSummary.p95Ms <= GOALS.p95Ms && coldSummary.mlflowCallsPerPage.max <= GOALS.mlflowCallsPerPage && failures === 0,
    };
  } finally {
    await stopChild(stack.app);
    await stopChild(stack.emulator);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
