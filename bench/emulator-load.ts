// The emulator's start time and memory (default and large scale), and its latency under 50
// concurrent clients across the APIs the app calls. Goals: RSS ≤ 300 MB default, ≤ 1 GB large.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { emulatorCommand } from "../scripts/lib/emulator.mjs";
import { httpsClient, percentile } from "./https-client";

const ROOT = path.resolve(import.meta.dirname, "..");
const CONCURRENCY = 50;
const REQUESTS = 2000;

function rssMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const read = (key: string) => Math.round((Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024) * 10) / 10;
  return { rss: read("VmRSS"), peak: read("VmHWM") };
}

async function startEmulatorProcess(scale: "default" | "large") {
  const dataDir = mkdtempSync(path.join(tmpdir(), "stagegate-bench-emulator-"));
  const started = performance.now();
  const env = { ...process.env, DATA_DIR: dataDir, EMULATOR_PORT: "0", EMULATOR_SCALE: scale };
  const [command, args] = emulatorCommand(env);
  const child = spawn(command, args, { cwd: ROOT, env, stdio: "ignore" });
  const file = path.join(dataDir, "emulator", "endpoints.json");
  while (!existsSync(file)) {
    if (child.exitCode !== null) throw new Error(`emulator (${scale}) exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { child, dataDir, startMs: Math.round(performance.now() - started), endpoints: JSON.parse(readFileSync(file, "utf8")) };
}

async function token(send: ReturnType<typeof httpsClient>, endpoints: Record<string, string>, scope: string): Promise<string> {
  const body = new URLSearchParams({ grant_type: "client_credentials", client_id: endpoints.clientId!, client_secret: endpoints.clientSecret!, scope });
  const response = await send(`${endpoints.entra}/${endpoints.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
  return JSON.parse(response.body).access_token;
}

async function measure(scale: "default" | "large") {
  const { child, dataDir, startMs, endpoints } = await startEmulatorProcess(scale);
  try {
    const send = httpsClient(readFileSync(endpoints.caFile, "utf8"));
    const idle = rssMiB(child.pid!);
    const arm = await token(send, endpoints, "https://management.azure.com/.default");
    const logs = await token(send, endpoints, "https://api.loganalytics.io/.default");
    const endpointId = `/subscriptions/${endpoints.subscriptionId}/resourceGroups/${endpoints.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${endpoints.workspace}/onlineEndpoints/churn-endpoint`;
    const json = { "content-type": "application/json" };
    const end = new Date();
    const start = new Date(end.getTime() - 3_600_000);
    const kinds: Record<string, () => Promise<{ status: number }>> = {
      "mlflow models search": () => send(`${endpoints.mlflow}/api/2.0/mlflow/registered-models/search?max_results=100`),
      "mlflow versions search": () => send(`${endpoints.mlflow}/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent("name = 'churn_xgb'")}`),
      "mlflow runs search": () =>
        send(`${endpoints.mlflow}/api/2.0/mlflow/runs/search`, { method: "POST", headers: json, body: JSON.stringify({ experiment_ids: ["1"], max_results: 100, order_by: ["metrics.auc DESC"] }) }),
      "arm endpoint get": () => send(`${endpoints.arm}${endpointId}?api-version=2024-10-01`, { headers: { authorization: `Bearer ${arm}` } }),
      "metrics getBatch 1h": () =>
        send(
          `${endpoints.metrics}/subscriptions/${endpoints.subscriptionId}/metrics:getBatch?api-version=2024-02-01&metricnamespace=Microsoft.MachineLearningServices/workspaces/onlineEndpoints&metricnames=RequestLatency_P95,RequestsPerMinute&starttime=${start.toISOString()}&endtime=${end.toISOString()}&interval=PT5M&aggregation=average&filter=${encodeURIComponent("deployment eq '*'")}`,
          { method: "POST", headers: { ...json, authorization: `Bearer ${arm}` }, body: JSON.stringify({ resourceids: [endpointId] }) },
        ),
      "logs summarize 15m": () =>
        send(`${endpoints.logs}/v1/workspaces/${endpoints.logAnalyticsWorkspaceId}/query`, {
          method: "POST",
          headers: { ...json, authorization: `Bearer ${logs}` },
          body: JSON.stringify({ query: "AppRequests | where TimeGenerated > ago(15m) | summarize requests = sum(ItemCount), p95 = percentile(DurationMs, 95) by tostring(Properties.deployment)" }),
        }),
    };
    // One heavy query alone, cold then warm: 30 days of AppRequests summarized by hour.
    const thirtyDays = async () => {
      const began = performance.now();
      const response = await send(`${endpoints.logs}/v1/workspaces/${endpoints.logAnalyticsWorkspaceId}/query`, {
        method: "POST",
        headers: { ...json, authorization: `Bearer ${logs}` },
        body: JSON.stringify({
          query: "AppRequests | summarize requests = sum(ItemCount), p95 = percentile(DurationMs, 95) by bin(TimeGenerated, 1h), tostring(Properties.deployment)",
          timespan: "P30D",
        }),
      });
      if (response.status !== 200) throw new Error(`30-day summarize answered ${response.status}`);
      return Math.round(performance.now() - began);
    };
    const summarize30DaysMs = { cold: await thirtyDays(), warm: await thirtyDays() };
    const names = Object.keys(kinds);
    const latencies: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
    let issued = 0;
    let failures = 0;
    const worker = async () => {
      while (issued < REQUESTS) {
        const name = names[issued++ % names.length]!;
        const began = performance.now();
        const response = await kinds[name]!();
        latencies[name]!.push(performance.now() - began);
        if (response.status !== 200) failures += 1;
      }
    };
    const loadStarted = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const loadMs = performance.now() - loadStarted;
    const all = Object.values(latencies).flat().sort((a, b) => a - b);
    const afterLoad = rssMiB(child.pid!);
    return {
      startMs,
      rssIdleMiB: idle.rss,
      rssAfterLoadMiB: afterLoad.rss,
      summarize30DaysMs,
      peakRssMiB: afterLoad.peak,
      concurrency: CONCURRENCY,
      requests: all.length,
      failures,
      throughputPerSecond: Math.round(all.length / (loadMs / 1000)),
      p50Ms: percentile(all, 50),
      p95Ms: percentile(all, 95),
      byKind: Object.fromEntries(
        names.map((name) => {
          const sorted = latencies[name]!.sort((a, b) => a - b);
          return [name, { p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95) }];
        }),
      ),
    };
  } finally {
    child.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchEmulator() {
  return { default: await measure("default"), large: await measure("large"), goals: { rssDefaultMiB: 300, rssLargeMiB: 1024 } };
}
