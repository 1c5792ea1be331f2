import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AzureMachineLearningWorkspaces } from "@azure/arm-machinelearning";
import { ClientSecretCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorOptionsFrom } from "./options";
import { startEmulator, type RunningEmulator } from "./start-emulator";
import { TEST_TLS_DIR } from "./testing/tls-for-tests";

const NOW = "2026-11-20T12:00:00Z";

async function started(seed: string): Promise<{ emulator: RunningEmulator; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "stagegate-emulator-"));
  const emulator = await startEmulator(
    emulatorOptionsFrom({ EMULATOR_SEED: seed, EMULATOR_PORT: "0", EMULATOR_NOW: NOW, DATA_DIR: dir, EMULATOR_TLS_DIR: TEST_TLS_DIR }),
  );
  return { emulator, dir };
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
    for (const key of ["tenantId", "clientId", "caFile", "subscriptionId", "resourceGroup", "workspace", "logAnalyticsWorkspaceId", "costScope"]) {
      expect(written[key]).toEqual(expect.any(String));
    }
    expect(written.pipelineClient).toEqual({ clientId: expect.any(String), clientSecret: expect.any(String) });
    expect(written.users.length).toBeGreaterThanOrEqual(9);
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
