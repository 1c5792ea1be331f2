// The /models page on the large emulator estate (2,000 registered models): response time and
// MLflow calls per page view, for first pages, later pages (followed through the page's own Next
// link) and name searches. Each URL is requested twice in a row: cold (its cache key was never
// read, so the page must call MLflow) and warm (served from the read cache within its 15 s).
// Goals: p95 ≤ 300 ms and ≤ 2 MLflow calls per page. Times are measured by this client on
// localhost, so they include the app's whole render and the transfer of the streamed HTML.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, stopChild } from "../scripts/lib/processes.mjs";
import { startStack } from "../scripts/lib/stack.mjs";
import { buildApp, emulatorRequest, signIn, type Endpoints } from "./app-session";
import { percentile } from "./https-client";

const SEARCHES = ["roaming", "xgb", "fiber", "churn", "_00", "port_out", "lgbm_01", "iot"];
const GOALS = { p95Ms: 300, mlflowCallsPerPage: 2 };

const decodeHtml = (text: string) => text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

async function mlflowCalls(endpoints: Endpoints): Promise<number> {
  const counts = JSON.parse((await emulatorRequest(endpoints, `${endpoints.control}/_emulator/requests`)).body) as Record<string, Record<string, number>>;
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
    const cookie = await signIn(url, endpoints, "viewer");
    const send = async (target: string) => {
      const response = await fetch(target, { headers: { cookie }, redirect: "manual" });
      return { status: response.status, body: await response.text() };
    };
    const cold: Sample[] = [];
    const warm: Sample[] = [];
    let failures = 0;
    const view = async (pathAndQuery: string, kind: Sample["kind"]) => {
      let nextHref: string | null = null;
      for (const [phase, samples] of [["cold", cold], ["warm", warm]] as const) {
        const before = await mlflowCalls(endpoints);
        const began = performance.now();
        const answer = await send(`${url}${pathAndQuery}`);
        const ms = performance.now() - began;
        const ok = answer.status === 200 && /data-testid="(models-table|models-empty)"/.test(answer.body);
        if (!ok) failures += 1;
        samples.push({ kind, ms, mlflowCalls: (await mlflowCalls(endpoints)) - before });
        if (phase === "cold") {
          const link = /<a [^>]*data-testid="next-page"[^>]*>/.exec(answer.body)?.[0];
          nextHref = link ? (/href="([^"]+)"/.exec(link)?.[1] ?? null) : null;
        }
      }
      return nextHref ? decodeHtml(nextHref) : null;
    };
    // Warm the server's code paths once (first compile of the route), outside the figures.
    await send(`${url}/models?size=1`);
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
