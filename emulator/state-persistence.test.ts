// The emulator keeps what clients changed across restarts, in <dataDir>/state.json: traffic set
// through ARM (with its time, so telemetry for the hours since agrees with it), operations in
// flight, aliases, tags and descriptions set through MLflow. The control API's reset forgets it;
// a corrupt file is set aside with one line and the emulator starts from the scenario.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ClientSecretCredential } from "@azure/identity";
import { afterEach, describe, expect, it, vi } from "vitest";
import { emulatorOptionsFrom } from "./options";
import { startEmulator, type RunningEmulator } from "./start-emulator";
import { TEST_TLS_DIR } from "./testing/tls-for-tests";

const T1 = "2026-11-20T12:00:00.000Z";
const T2 = "2026-11-20T14:00:00.000Z";
const JSON_HEADERS = { "content-type": "application/json" };

const dirs: string[] = [];
const running: RunningEmulator[] = [];

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "stagegate-emulator-state-"));
  dirs.push(dir);
  return dir;
}

async function start(dir: string, now: string, env: Record<string, string> = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator(
    emulatorOptionsFrom({ EMULATOR_SEED: "persistence", EMULATOR_PORT: "0", EMULATOR_NOW: now, DATA_DIR: dir, EMULATOR_TLS_DIR: TEST_TLS_DIR, ...env }),
  );
  running.push(emulator);
  return emulator;
}

async function stop(emulator: RunningEmulator): Promise<void> {
  running.splice(running.indexOf(emulator), 1);
  await emulator.stop();
}

const stateFile = (dir: string) => path.join(dir, "emulator", "state.json");

/** The wire calls a client makes: ARM with an Entra token, MLflow and Log Analytics. */
function clientOf(emulator: RunningEmulator) {
  const { entra, tenantId, clientId, clientSecret, subscriptionId, resourceGroup, workspace, arm, mlflow, logs, logAnalyticsWorkspaceId, control } = emulator.endpoints;
  const credential = new ClientSecretCredential(tenantId, clientId, clientSecret, { authorityHost: entra, disableInstanceDiscovery: true });
  const token = async (scope: string) => `Bearer ${(await credential.getToken(scope)).token}`;
  const endpointUrl = `${arm}/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${workspace}/onlineEndpoints/churn-endpoint?api-version=2024-10-01`;
  const armHeaders = async () => ({ ...JSON_HEADERS, authorization: await token("https://management.azure.com/.default") });
  const mlflowGet = async (route: string, query: Record<string, string>) =>
    fetch(`${mlflow}/api/2.0/mlflow${route}?${new URLSearchParams(query)}`);
  const mlflowSend = async (method: string, route: string, body: unknown) => {
    const response = await fetch(`${mlflow}/api/2.0/mlflow${route}`, { method, headers: JSON_HEADERS, body: JSON.stringify(body) });
    expect(response.status, `${method} ${route}`).toBe(200);
  };
  return {
    arm,
    async getEndpoint() {
      const response = await fetch(endpointUrl, { headers: await armHeaders() });
      expect(response.status).toBe(200);
      return response.json();
    },
    /** PUTs the whole endpoint with new traffic and tags; answers the operation's status URL. */
    async putTraffic(traffic: Record<string, number>, tags: Record<string, string>): Promise<string> {
      const current = await this.getEndpoint();
      const response = await fetch(endpointUrl, { method: "PUT", headers: await armHeaders(), body: JSON.stringify({ ...current, tags, properties: { ...current.properties, traffic } }) });
      expect(response.status).toBe(200);
      return response.headers.get("azure-asyncoperation")!;
    },
    async operationStatus(statusUrl: string): Promise<string> {
      const response = await fetch(statusUrl, { headers: await armHeaders() });
      expect(response.status).toBe(200);
      return (await response.json()).status;
    },
    mlflowGet,
    mlflowSend,
    async json(route: string, query: Record<string, string>) {
      const response = await mlflowGet(route, query);
      expect(response.status, route).toBe(200);
      return response.json();
    },
    /** Requests churn-endpoint served per deployment in [from, to), from AppRequests. */
    async requestsByDeployment(from: string, to: string): Promise<Record<string, number>> {
      const query = `AppRequests | where TimeGenerated >= datetime(${from}) and TimeGenerated < datetime(${to}) and Properties.endpoint == 'churn-endpoint' | summarize requests = sum(ItemCount) by deployment = tostring(Properties.deployment)`;
      const response = await fetch(`${logs}/v1/workspaces/${logAnalyticsWorkspaceId}/query`, {
        method: "POST",
        headers: { ...JSON_HEADERS, authorization: await token("https://api.loganalytics.io/.default") },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(200);
      const { tables } = (await response.json()) as { tables: { rows: [string, number][] }[] };
      return Object.fromEntries(tables[0]!.rows);
    },
    control: (route: string, body: unknown) => fetch(`${control}${route}`, { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body) }),
  };
}

/** Moves churn-endpoint to 50/50, champion and challenger to v7, and tags and describes v7. */
async function makeChanges(emulator: RunningEmulator): Promise<void> {
  const client = clientOf(emulator);
  const statusUrl = await client.putTraffic({ blue: 50, green: 50 }, { environment: "prod", team: "ml-platform", rollout: "r-42" });
  expect(await client.operationStatus(statusUrl)).toBe("InProgress");
  expect(await client.operationStatus(statusUrl)).toBe("Succeeded");
  await client.mlflowSend("POST", "/registered-models/alias", { name: "churn_xgb", alias: "champion", version: "7" });
  await client.mlflowSend("POST", "/registered-models/alias", { name: "churn_xgb", alias: "challenger", version: "7" });
  await client.mlflowSend("DELETE", "/registered-models/alias", { name: "churn_xgb", alias: "challenger" });
  await client.mlflowSend("POST", "/registered-models/set-tag", { name: "churn_xgb", key: "stagegate.last_promotion", value: "p-7" });
  await client.mlflowSend("POST", "/model-versions/set-tag", { name: "churn_xgb", version: "7", key: "stagegate.approval", value: "approved" });
  await client.mlflowSend("DELETE", "/model-versions/delete-tag", { name: "churn_xgb", version: "7", key: "validation_status" });
  await client.mlflowSend("PATCH", "/model-versions/update", { name: "churn_xgb", version: "7", description: "Promoted by Stagegate" });
}

const tag = (tags: { key: string; value: string }[] | undefined, key: string) => tags?.find((entry) => entry.key === key)?.value;

describe("the emulator's state across restarts", () => {
  afterEach(async () => {
    for (const emulator of running.splice(0)) await emulator.stop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it("keeps traffic set through ARM and aliases, tags and descriptions set through MLflow, and telemetry agrees with the traffic's time", async () => {
    const dir = dataDir();
    const first = await start(dir, T1);
    const before = clientOf(first);
    const v7Before = (await before.json("/model-versions/get", { name: "churn_xgb", version: "7" })).model_version;
    expect(tag(v7Before.tags, "validation_status")).toBeDefined();
    await makeChanges(first);
    expect(existsSync(stateFile(dir))).toBe(true);
    // Only the client's traffic change is saved, not the scenario's own past (v7's shadow evaluation).
    expect(JSON.parse(readFileSync(stateFile(dir), "utf8")).sections.fleet.endpoints).toMatchObject([
      { name: "churn-endpoint", traffic: [{ at: T1, traffic: { blue: 50, green: 50 }, mirrorTraffic: {} }] },
    ]);
    await stop(first);

    // Two hours later, on the same data folder.
    const second = await start(dir, T2);
    const after = clientOf(second);
    const endpoint = await after.getEndpoint();
    expect(endpoint.properties).toMatchObject({ traffic: { blue: 50, green: 50 }, provisioningState: "Succeeded" });
    expect(endpoint.tags).toEqual({ environment: "prod", team: "ml-platform", rollout: "r-42" });
    expect(endpoint.systemData.lastModifiedAt).toBe(T1);

    const model = (await after.json("/registered-models/get", { name: "churn_xgb" })).registered_model;
    expect(model.aliases).toEqual([{ alias: "champion", version: "7" }]);
    expect(tag(model.tags, "stagegate.last_promotion")).toBe("p-7");
    const v7 = (await after.json("/model-versions/get", { name: "churn_xgb", version: "7" })).model_version;
    expect(v7).toMatchObject({ aliases: ["champion"], description: "Promoted by Stagegate", last_updated_timestamp: Date.parse(T1) });
    expect(tag(v7.tags, "stagegate.approval")).toBe("approved");
    expect(tag(v7.tags, "validation_status")).toBeUndefined();
    expect("aliases" in (await after.json("/model-versions/get", { name: "churn_xgb", version: "6" })).model_version).toBe(false);
    const champion = await after.json("/registered-models/alias", { name: "churn_xgb", alias: "champion" });
    expect(champion.model_version.version).toBe("7");
    expect((await after.mlflowGet("/registered-models/alias", { name: "churn_xgb", alias: "challenger" })).status).toBe(400);

    // Green took no requests before the change, and about half of them in the two hours since.
    const earlier = await after.requestsByDeployment("2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z");
    const since = await after.requestsByDeployment("2026-11-20T12:00:00Z", "2026-11-20T14:00:00Z");
    expect(earlier.green ?? 0).toBe(0);
    expect(earlier.blue).toBeGreaterThan(1000);
    // The scenario's past is still under the restored change: green's mirrored copies a week back.
    const weekBack = await after.requestsByDeployment("2026-11-13T10:00:00Z", "2026-11-13T12:00:00Z");
    expect(weekBack.green! / weekBack.blue!).toBeGreaterThan(0.15);
    expect(weekBack.green! / weekBack.blue!).toBeLessThan(0.25);
    expect(since.green! / (since.green! + since.blue!)).toBeGreaterThan(0.4);
    expect(since.green! / (since.green! + since.blue!)).toBeLessThan(0.6);
  });

  it("completes a traffic change that was still in flight when the emulator stopped", async () => {
    const dir = dataDir();
    const first = await start(dir, T1);
    const statusUrl = await clientOf(first).putTraffic({ blue: 80, green: 20 }, { environment: "prod" });
    await stop(first);

    const second = await start(dir, T2);
    const client = clientOf(second);
    expect((await client.getEndpoint()).properties).toMatchObject({ provisioningState: "Updating", traffic: { blue: 100, green: 0 } });
    // The same operation, on the restarted ARM's address.
    const resumedUrl = `${client.arm}${new URL(statusUrl).pathname}${new URL(statusUrl).search}`;
    expect(await client.operationStatus(resumedUrl)).toBe("InProgress");
    expect(await client.operationStatus(resumedUrl)).toBe("Succeeded");
    expect((await client.getEndpoint()).properties).toMatchObject({ provisioningState: "Succeeded", traffic: { blue: 80, green: 20 } });
    // A new operation does not reuse the first one's id.
    const next = await client.putTraffic({ blue: 70, green: 30 }, { environment: "prod" });
    expect(new URL(next).pathname).not.toBe(new URL(statusUrl).pathname);
  });

  it("forgets every change on the control API's reset, saved file included", async () => {
    const dir = dataDir();
    const first = await start(dir, T1);
    await makeChanges(first);
    const client = clientOf(first);
    expect((await client.control("/_emulator/candidate", { behaviour: "regressed" })).status).toBe(200);
    expect((await client.control("/_emulator/reset", {})).status).toBe(200);
    expect(existsSync(stateFile(dir))).toBe(false);
    await stop(first);

    const second = await start(dir, T2);
    const after = clientOf(second);
    expect((await after.getEndpoint()).properties.traffic).toEqual({ blue: 100, green: 0 });
    expect((await after.json("/registered-models/get", { name: "churn_xgb" })).registered_model.aliases).toEqual([{ alias: "champion", version: "6" }]);
    const v7 = (await after.json("/model-versions/get", { name: "churn_xgb", version: "7" })).model_version;
    expect(tag(v7.tags, "stagegate.approval")).toBeUndefined();
    expect(v7.description).not.toBe("Promoted by Stagegate");
  });

  it.each([
    ["is not JSON", "{\"format\": \"stagegate-emulator-state/1\", "],
    ["has an unexpected shape", JSON.stringify({ format: "stagegate-emulator-state/1", seed: "persistence", scale: "default", sections: { fleet: { endpoints: "all" } } })],
    ["was made for another seed", JSON.stringify({ format: "stagegate-emulator-state/1", seed: "other", scale: "default", sections: {} })],
  ])("sets aside a state file that %s, says so in one line, and starts from the scenario", async (_, content) => {
    const dir = dataDir();
    mkdirSync(path.join(dir, "emulator"), { recursive: true });
    writeFileSync(stateFile(dir), content);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const emulator = await start(dir, T1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/^emulator: ignored its saved state .*state\.json \(.+\); kept it as .*state\.json\.bad and started from the scenario$/);
    expect(readFileSync(`${stateFile(dir)}.bad`, "utf8")).toBe(content);
    expect(existsSync(stateFile(dir))).toBe(false);

    const client = clientOf(emulator);
    expect((await client.getEndpoint()).properties.traffic).toEqual({ blue: 100, green: 0 });
    await client.mlflowSend("POST", "/registered-models/alias", { name: "churn_xgb", alias: "challenger", version: "7" });
    // The next change is saved afresh.
    expect(JSON.parse(readFileSync(stateFile(dir), "utf8")).sections.mlflow.models).toEqual([{ name: "churn_xgb", aliases: [{ alias: "challenger", version: "7" }] }]);
  });

  it("keeps nothing on disk with EMULATOR_PERSIST_STATE=false", async () => {
    const dir = dataDir();
    const emulator = await start(dir, T1, { EMULATOR_PERSIST_STATE: "false" });
    await clientOf(emulator).mlflowSend("POST", "/registered-models/alias", { name: "churn_xgb", alias: "challenger", version: "7" });
    expect(existsSync(stateFile(dir))).toBe(false);
  });
});
