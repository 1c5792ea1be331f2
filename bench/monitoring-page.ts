// /monitoring/churn_xgb over 30 days on the large emulator estate: response time per page view, cold
// (the page's Log Analytics reads were never made: every panel queries the emulator's KQL engine)
// and warm (the same URL again: served from the process's read cache). Each cold view shifts the
// 30-day window by an hour, so its queries are new; the first view after start is reported apart,
// since the emulator then generates the month's telemetry for the first time.
// Goals: p95 ≤ 500 ms warm and ≤ 2 s cold. Times are measured by this client on localhost, so they
// include the app's whole render and the transfer of the streamed HTML.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, stopChild } from "../scripts/lib/processes.mjs";
import { startStack } from "../scripts/lib/stack.mjs";
import { buildApp, signIn } from "./app-session";
import { percentile } from "./https-client";

const GOALS = { warmP95Ms: 500, coldP95Ms: 2000 };
const MODEL = "churn_xgb";
const THIRTY_DAYS_H = 30 * 24;

async function view(url: string, cookie: string): Promise<{ ms: number; ok: boolean; bytes: number }> {
  const began = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  const ms = performance.now() - began;
  return { ms, ok: response.status === 200 && body.includes('data-testid="drift-heatmap"'), bytes: body.length };
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { views: sorted.length, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: Math.round(sorted.at(-1) ?? 0) };
}

export async function benchMonitoringPage({ views = Number(process.env.BENCH_MONITORING_VIEWS ?? 20) } = {}) {
  await buildApp();
  const dataDir = mkdtempSync(path.join(tmpdir(), "stagegate-bench-monitoring-"));
  const stack = await startStack({ port: await freePort(), env: { ...process.env, DATA_DIR: dataDir, EMULATOR_SCALE: "large", LOG_LEVEL: "warn" }, quiet: true });
  try {
    const cookie = await signIn(stack.url, stack.endpoints, "viewer");
    const pageUrl = (shiftHours: number) => `${stack.url}/monitoring/${MODEL}?from=now-${THIRTY_DAYS_H + shiftHours}h&to=${shiftHours === 0 ? "now" : `now-${shiftHours}h`}`;
    const first = await view(pageUrl(0), cookie);
    const cold: number[] = [];
    const warm: number[] = [];
    let failures = first.ok ? 0 : 1;
    let largestPageBytes = first.bytes;
    for (let shift = 1; shift <= views; shift++) {
      for (const samples of [cold, warm]) {
        const answer = await view(pageUrl(shift), cookie);
        samples.push(answer.ms);
        if (!answer.ok) failures += 1;
        largestPageBytes = Math.max(largestPageBytes, answer.bytes);
      }
    }
    const coldSummary = summary(cold);
    const warmSummary = summary(warm);
    return {
      estate: { scale: "large", model: MODEL, rangeDays: 30 },
      firstViewAfterStartMs: Math.round(first.ms),
      cold: coldSummary,
      warm: warmSummary,
      largestPageBytes,
      failures,
      goals: GOALS,
      meetsGoals: failures === 0 && coldSummary.p95Ms <= GOALS.coldP95Ms && warmSummary.p95Ms <= GOALS.warmP95Ms,
    };
  } finally {
    await stopChild(stack.app);
    await stopChild(stack.emulator);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
