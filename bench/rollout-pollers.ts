// 50 signed-in pollers of a running rollout's status (state, apply progress and the current step's
// gates from Log Analytics) for 60 s against the built app and the emulator: response times, and
// the queries that reached Log Analytics. The shared read cache should send each query (one per
// query key and 15 s refresh interval) once, however many pollers ask. Rounds: pollers refreshing
// every 5 s as the step view does (the goal), every 1 s (stress), and the fleet page's live stats.
// Goals: p95 ≤ 150 ms; no query sent twice for the same key and interval.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, shutdown } from "../scripts/lib/processes.mjs";
import { startStack } from "../scripts/lib/stack.mjs";
import { buildApp, emulatorRequest, postJson, signIn, type Endpoints } from "./app-session";
import { percentile } from "./https-client";

const POLLERS = 50;
const DURATION_MS = 60_000;
const REFRESH_INTERVAL_MS = 15_000;
const ENDPOINT = "churn-endpoint";

/** Queries the emulator's Log Analytics answered: in all, and per distinct query text and timespan. */
async function logAnalyticsQueries(endpoints: Endpoints) {
  const counters = JSON.parse((await emulatorRequest(endpoints, `${endpoints.control}/_emulator/requests`)).body) as Record<string, Record<string, number>>;
  const perQuery = Object.values(counters["logs-queries"] ?? {});
  return { sent: perQuery.reduce((sum, count) => sum + count, 0), distinct: perQuery.length, mostSendsOfOneQuery: Math.max(0, ...perQuery) };
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

/** One round: POLLERS pollers of the route for DURATION_MS, then what the emulator's Log Analytics answered meanwhile. */
async function round(url: string, cookie: string, endpoints: Endpoints, everyMs: number) {
  await emulatorRequest(endpoints, `${endpoints.control}/_emulator/requests`, { method: "DELETE" });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = Date.now();
  await Promise.all(Array.from({ length: POLLERS }, () => poll(url, cookie, everyMs, started + DURATION_MS, latencies, statuses)));
  const elapsedMs = Date.now() - started;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    route: new URL(url).pathname,
    pollEveryMs: everyMs,
    durationMs: elapsedMs,
    requests: sorted.length,
    statuses: Object.fromEntries(statuses),
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: Math.round(sorted.at(-1)! * 10) / 10,
    refreshIntervals: Math.ceil(elapsedMs / REFRESH_INTERVAL_MS),
    // Each distinct query is one query key's window for one refresh interval: sent once when the cache holds.
    logAnalytics: await logAnalyticsQueries(endpoints),
  };
}

/** churn_xgb v7 requested by an engineer, approved by a lead, and rolled out on the endpoint by another lead, as the pages do it. */
async function startRollout(appUrl: string, endpoints: Endpoints): Promise<string> {
  const [engineer, approver, lead] = await Promise.all(["ml-engineer", "ml-lead-2", "ml-lead"].map((key) => signIn(appUrl, endpoints, key)));
  const { requestId } = await postJson(appUrl, engineer!, "/api/promotions", { model: "churn_xgb", version: "7", rationale: "Bench: a rollout whose status 50 pollers read." });
  await postJson(appUrl, approver!, `/api/approvals/${String(requestId)}/decisions`, { outcome: "approve" });
  const { rolloutId } = await postJson(appUrl, lead!, "/api/rollouts", {
    promotionRequestId: requestId,
    endpoint: ENDPOINT,
    baselineDeployment: "blue",
    candidateDeployment: "green",
    // The standard template bakes 15 minutes, so the rollout stays on its shadow step throughout.
    templateName: "standard",
  });
  return String(rolloutId);
}

interface StatusSample {
  applyPending: boolean;
  evaluation: { judgement: { verdict: string; gates: { gate: string; status: string; candidate: number | null; baseline: number | null }[] } } | null;
  evaluationProblem: string | null;
}

/** Waits until the shadow step reached the endpoint and the gates were evaluated; the status then. */
async function waitForGates(url: string, cookie: string): Promise<StatusSample> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(url, { headers: { cookie } });
    const status = (await response.json()) as StatusSample;
    if (response.status === 200 && !status.applyPending && status.evaluation) return status;
    if (Date.now() > deadline) throw new Error(`the rollout's status did not settle: ${response.status} ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export async function benchRolloutPollers() {
  await buildApp();
  const dataDir = mkdtempSync(path.join(tmpdir(), "stagegate-bench-pollers-"));
  try {
    const { url, endpoints } = (await startStack({ port: await freePort(), env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" }, quiet: true })) as {
      url: string;
      endpoints: Endpoints;
    };
    const rolloutId = await startRollout(url, endpoints);
    const statusUrl = `${url}/api/rollouts/${rolloutId}/status`;
    const liveUrl = `${url}/api/rollouts/endpoints/${ENDPOINT}/live`;
    const viewer = await signIn(url, endpoints, "viewer");
    const anonymous = await fetch(statusUrl);
    if (anonymous.status !== 401) throw new Error(`the status route answered ${anonymous.status} without a session`);
    await waitForGates(statusUrl, viewer);
    const rounds = [
      await round(statusUrl, viewer, endpoints, 5000),
      await round(statusUrl, viewer, endpoints, 1000),
      await round(liveUrl, viewer, endpoints, 5000),
    ];
    // The gates as the pollers last saw them, minutes into the shadow step.
    const sample = await waitForGates(statusUrl, viewer);
    return {
      pollers: POLLERS,
      rounds,
      gatesSample: { verdict: sample.evaluation!.judgement.verdict, gates: sample.evaluation!.judgement.gates.map(({ gate, status, candidate, baseline }) => ({ gate, status, candidate, baseline })) },
      goals: { p95Ms: 150, mostSendsOfOneQuery: 1 },
    };
  } finally {
    await shutdown();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
