import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { AzureMachineLearningWorkspaces } from "@azure/arm-machinelearning";
import { ClientSecretCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorOptionsFrom } from "./options";
import { startEmulator, type RunningEmulator } from "./start-emulator";
import { TEST_TLS_DIR } from "./testing/tls-for-tests";

const NOW = "2026-11-20T12:00:00Z";

async function started(seed: string, port = 0): Promise<{ emulator: RunningEmulator; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "stagegate-emulator-"));
  const emulator = await startEmulator(
    emulatorOptionsFrom({ EMULATOR_SEED: seed, EMULATOR_PORT: String(port), EMULATOR_NOW: NOW, DATA_DIR: dir, EMULATOR_TLS_DIR: TEST_TLS_DIR }),
  );
  return { emulator, dir };
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });

/** A base port with `count` free ports from it, in a range nothing else here uses. */
async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const free = await Promise.all(Array.from({ length: count }, (_, index) => portIsFree(base + index)));
    if (free.every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

async function appToken(emulator: RunningEmulator, scope: string): Promise<string> {
  const { entra, tenantId, clientId, clientSecret } = emulator.endpoints;
  const credential = new ClientSecretCredential(tenantId, clientId, clientSecret, { authorityHost: entra, disableInstanceDiscovery: true });
  return (await credential.getToken(scope)).token;
}

describe("the whole emulator", () => {
  let first: { emulator: RunningEmulator; dir: string };
  let second: { emulator: RunningEmulator; dir: string };

  beforeAll(async () => {
    [first, second] = await Promise.all([started("determinism"), started("determinism")]);
  });
  afterAll(async () => {
    for (const { emulator, dir } of [first, second]) {
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes endpoints.json with every service and the demo estate's ids", () => {
    const written = JSON.parse(readFileSync(path.join(first.dir, "emulator", "endpoints.json"), "utf8"));
    for (const key of ["entra", "mlflow", "logs", "metrics", "arm", "control"]) expect(written[key]).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // Entra's pages for browsers: plain HTTP on the loopback, where the tenant's discovery sends browsers.
    expect(written.entraBrowser).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const key of ["tenantId", "clientId", "caFile", "subscriptionId", "resourceGroup", "workspace", "logAnalyticsWorkspaceId", "costScope"]) {
      expect(written[key]).toEqual(expect.any(String));
    }
    expect(written.pipelineClient).toEqual({ clientId: expect.any(String), clientSecret: expect.any(String) });
    expect(written.users.length).toBeGreaterThanOrEqual(9);
  });

  it("takes seven consecutive ports from EMULATOR_PORT: six HTTPS services, then Entra's browser pages on HTTP", async () => {
    const base = await freePortRange(7);
    const fixed = await started("ports", base);
    try {
      const { endpoints } = fixed.emulator;
      expect(["entra", "mlflow", "logs", "metrics", "arm", "control", "entraBrowser"].map((key) => endpoints[key as keyof typeof endpoints])).toEqual([
        ...Array.from({ length: 6 }, (_, index) => `https://127.0.0.1:${base + index}`),
        `http://127.0.0.1:${base + 6}`,
      ]);
      const discovery = await (await fetch(`${endpoints.entra}/${endpoints.tenantId}/v2.0/.well-known/openid-configuration`)).json();
      expect(discovery).toMatchObject({
        issuer: `${endpoints.entra}/${endpoints.tenantId}/v2.0`,
        authorization_endpoint: `${endpoints.entraBrowser}/${endpoints.tenantId}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${endpoints.entraBrowser}/${endpoints.tenantId}/oauth2/v2.0/logout`,
        token_endpoint: `${endpoints.entra}/${endpoints.tenantId}/oauth2/v2.0/token`,
        jwks_uri: `${endpoints.entra}/${endpoints.tenantId}/discovery/v2.0/keys`,
      });
    } finally {
      await fixed.emulator.stop();
      rmSync(fixed.dir, { recursive: true, force: true });
    }
  });

  it("refuses an EMULATOR_PORT whose seventh port would be past 65535", () => {
    expect(() => emulatorOptionsFrom({ EMULATOR_PORT: "65530" })).toThrow(/EMULATOR_PORT must be a port number/);
    expect(emulatorOptionsFrom({ EMULATOR_PORT: "65529" }).basePort).toBe(65_529);
  });

  it("serves ARM to a token from its own Entra ID, and refuses a token minted for another API", async () => {
    const { emulator } = first;
    const { entra, tenantId, clientId, clientSecret, subscriptionId, resourceGroup, workspace, arm } = emulator.endpoints;
    const credential = new ClientSecretCredential(tenantId, clientId, clientSecret, { authorityHost: entra, disableInstanceDiscovery: true });
    const client = new AzureMachineLearningWorkspaces(credential, subscriptionId, { endpoint: arm, credentialScopes: ["https://management.azure.com/.default"] });
    const endpoint = await client.onlineEndpoints.get(resourceGroup, workspace, "churn-endpoint");
    expect(endpoint.properties.traffic).toEqual({ blue: 100, green: 0 });

    const logsToken = await appToken(emulator, "https://api.loganalytics.io/.default");
    const refused = await fetch(`${arm}/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${workspace}/onlineEndpoints?api-version=2024-10-01`, {
      headers: { authorization: `Bearer ${logsToken}` },
    });
    expect(refused.status).toBe(401);
  });

  it("gives byte-identical responses for the same seed and clock", async () => {
    const requests = async (emulator: RunningEmulator) => {
      const { mlflow, logs, arm, metrics, subscriptionId, resourceGroup, workspace, logAnalyticsWorkspaceId, costScope } = emulator.endpoints;
      const armToken = await appToken(emulator, "https://management.azure.com/.default");
      const logsToken = await appToken(emulator, "https://api.loganalytics.io/.default");
      const endpointId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${workspace}/onlineEndpoints/churn-endpoint`;
      const json = { "content-type": "application/json" };
      const calls: [string, RequestInit][] = [
        [`${mlflow}/api/2.0/mlflow/registered-models/search?max_results=50`, {}],
        [`${mlflow}/api/2.0/mlflow/runs/search`, { method: "POST", headers: json, body: JSON.stringify({ experiment_ids: ["1", "2", "3"], max_results: 200, order_by: ["metrics.auc DESC"] }) }],
        [
          `${logs}/v1/workspaces/${logAnalyticsWorkspaceId}/query`,
          {
            method: "POST",
            headers: { ...json, authorization: `Bearer ${logsToken}` },
            body: JSON.stringify({ query: "AppRequests | where TimeGenerated > ago(2h) | summarize requests = sum(ItemCount), p95 = percentile(DurationMs, 95) by tostring(Properties.deployment), bin(TimeGenerated, 15m) | order by TimeGenerated asc" }),
          },
        ],
        [
          `${metrics}/subscriptions/${subscriptionId}/metrics:getBatch?api-version=2024-02-01&metricnamespace=Microsoft.MachineLearningServices/workspaces/onlineEndpoints&metricnames=RequestLatency_P95,RequestsPerMinute&starttime=2026-11-20T10:00:00Z&endtime=2026-11-20T12:00:00Z&interval=PT15M&aggregation=average,total&filter=deployment%20eq%20'*'`,
          { method: "POST", headers: { ...json, authorization: `Bearer ${armToken}` }, body: JSON.stringify({ resourceids: [endpointId] }) },
        ],
        [
          `${arm}/${costScope}/providers/Microsoft.CostManagement/query?api-version=2024-08-01`,
          {
            method: "POST",
            headers: { ...json, authorization: `Bearer ${armToken}` },
            body: JSON.stringify({ type: "ActualCost", timeframe: "MonthToDate", dataset: { granularity: "Daily", aggregation: { c: { name: "Cost", function: "Sum" } }, grouping: [{ type: "TagKey", name: "mlflow_experiment_id" }] } }),
          },
        ],
        [`${arm}${endpointId}?api-version=2024-10-01`, { headers: { authorization: `Bearer ${armToken}` } }],
      ];
      const bodies = [];
      for (const [url, init] of calls) {
        const response = await fetch(url, init);
        expect(response.status, url).toBe(200);
        bodies.push(await response.text());
      }
      return bodies;
    };
    const [a, b] = await Promise.all([requests(first.emulator), requests(second.emulator)]);
    expect(a.every((body) => body.length > 50)).toBe(true);
    expect(a).toEqual(b);
  });

  it("injects faults through the control API, counts requests per route, and resets the scenario", async () => {
    const { control, mlflow } = first.emulator.endpoints;
    const post = (pathName: string, body: unknown) =>
      fetch(`${control}${pathName}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    // The start places the recent incidents; tests read it here.
    expect(await (await fetch(`${control}/_emulator/health`)).json()).toMatchObject({ status: "ok", startedAt: new Date(NOW).toISOString() });
    expect((await post("/_emulator/faults", { upstream: "mlflow", kind: "error", status: 503, count: 1 })).status).toBe(201);
    const failed = await fetch(`${mlflow}/api/2.0/mlflow/registered-models/get?name=churn_xgb`);
    expect(failed.status).toBe(503);
    expect((await failed.json()).error_code).toEqual(expect.any(String));
    expect((await fetch(`${mlflow}/api/2.0/mlflow/registered-models/get?name=churn_xgb`)).status).toBe(200);

    const counters = await (await fetch(`${control}/_emulator/requests`)).json();
    expect(counters.mlflow).toMatchObject({ "fault 503": 1 });

    const setAlias = await fetch(`${mlflow}/api/2.0/mlflow/registered-models/alias`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "churn_xgb", alias: "challenger", version: "7" }),
    });
    expect(setAlias.status).toBe(200);
    expect((await post("/_emulator/candidate", { behaviour: "regressed" })).status).toBe(200);
    expect((await post("/_emulator/candidate", { deployment: "purple", behaviour: "regressed" })).status).toBe(404);
    expect((await post("/_emulator/reset", {})).status).toBe(200);
    const alias = await fetch(`${mlflow}/api/2.0/mlflow/registered-models/alias?name=churn_xgb&alias=challenger`);
    // The OSS server answers an unknown alias with 400 INVALID_PARAMETER_VALUE.
    expect(alias.status).toBe(400);
    expect((await alias.json()).error_code).toBe("INVALID_PARAMETER_VALUE");
  });
});
