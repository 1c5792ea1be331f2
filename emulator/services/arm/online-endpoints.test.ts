import { AzureMachineLearningWorkspaces } from "@azure/arm-machinelearning";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningService } from "../../http/service-host";
import { CostLedger } from "../../scenario/cost-ledger";
import { STATIC_TEST_CREDENTIAL } from "../../testing/static-credential";
import { startTestService, stopServices, testContext } from "../../testing/test-context";
import { MetricSeriesBuilder } from "../metrics/metric-series";
import { createArmService } from "./arm-service";

describe("ARM: Azure ML online endpoints through @azure/arm-machinelearning", () => {
  const context = testContext();
  const { resourceGroup, workspace, subscriptionId } = context.identity;
  let service: RunningService;
  let client: AzureMachineLearningWorkspaces;

  beforeAll(async () => {
    const costs = new CostLedger(context.options.seed, context.clock, context.identity, context.fleet, []);
    const metrics = new MetricSeriesBuilder(context.options.seed, context.fleet, () => ({ requests: 0, errors: 0, latencyMs: { avg: 0, p50: 0, p90: 0, p95: 0, p99: 0 } }), () => context.clock.now());
    service = await startTestService(context, "arm", createArmService(context, costs, metrics));
    client = new AzureMachineLearningWorkspaces(STATIC_TEST_CREDENTIAL, subscriptionId, {
      endpoint: service.url,
      credentialScopes: ["https://management.azure.com/.default"],
    });
  });
  afterAll(() => stopServices([service]));

  it("GETs the endpoint with its traffic and lists deployments with model, instances and state", async () => {
    const endpoint = await client.onlineEndpoints.get(resourceGroup, workspace, "churn-endpoint");
    expect(endpoint.properties).toMatchObject({ authMode: "Key", provisioningState: "Succeeded", traffic: { blue: 100, green: 0 } });
    expect(endpoint.id).toContain(`/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/`);

    const deployments = [];
    for await (const deployment of client.onlineDeployments.list(resourceGroup, workspace, "churn-endpoint")) deployments.push(deployment);
    expect(deployments.map((deployment) => [deployment.name, deployment.properties.model, deployment.sku?.capacity, deployment.properties.provisioningState])).toEqual([
      ["blue", "azureml:churn_xgb:6", 3, "Succeeded"],
      ["green", "azureml:churn_xgb:7", 2, "Succeeded"],
    ]);
    const endpoints = [];
    for await (const item of client.onlineEndpoints.list(resourceGroup, workspace)) endpoints.push(item.name);
    expect(endpoints).toEqual(["churn-endpoint", "fraud-endpoint"]);
  });

  it("applies new traffic through PUT and its long-running operation, then GET shows it", async () => {
    const endpoint = await client.onlineEndpoints.get(resourceGroup, workspace, "churn-endpoint");
    const updated = await client.onlineEndpoints.beginCreateOrUpdateAndWait(
      resourceGroup,
      workspace,
      "churn-endpoint",
      { ...endpoint, properties: { ...endpoint.properties, traffic: { blue: 90, green: 10 } } },
      { updateIntervalInMs: 0 },
    );
    expect(updated.properties.traffic).toEqual({ blue: 90, green: 10 });
    const after = await client.onlineEndpoints.get(resourceGroup, workspace, "churn-endpoint");
    expect(after.properties).toMatchObject({ traffic: { blue: 90, green: 10 }, provisioningState: "Succeeded" });
    expect(context.fleet.trafficAt("churn-endpoint", context.clock.now())?.traffic).toEqual({ blue: 90, green: 10 });
  });

  it("refuses traffic that does not sum to 100 and unknown deployments with ARM errors", async () => {
    const endpoint = await client.onlineEndpoints.get(resourceGroup, workspace, "churn-endpoint");
    const attempt = (traffic: Record<string, number>) =>
      client.onlineEndpoints.beginCreateOrUpdateAndWait(resourceGroup, workspace, "churn-endpoint", {
        ...endpoint,
        properties: { ...endpoint.properties, traffic },
      });
    await expect(attempt({ blue: 80, green: 30 })).rejects.toMatchObject({ statusCode: 400, code: "BadArgument", message: expect.stringContaining("sum to 100") });
    await expect(attempt({ blue: 100, purple: 0 })).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining("purple") });
    await expect(client.onlineEndpoints.get(resourceGroup, workspace, "no-such-endpoint")).rejects.toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
  });

  it("refuses mirror traffic over 50 (sent raw: @azure/arm-machinelearning 2.1 speaks api 2022-10-01 and drops mirrorTraffic)", async () => {
    const base = `${service.url}/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${workspace}/onlineEndpoints/churn-endpoint?api-version=2024-10-01`;
    const headers = { authorization: "Bearer test-token", "content-type": "application/json" };
    const current = await (await fetch(base, { headers })).json();
    const put = await fetch(base, { method: "PUT", headers, body: JSON.stringify({ ...current, properties: { ...current.properties, traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 60 } } }) });
    expect(put.status).toBe(400);
    expect((await put.json()).error).toMatchObject({ code: "BadArgument", message: expect.stringContaining("at most 50") });
  });

  it("moves provisioningState through Updating while the operation runs, and reports it InProgress then Succeeded", async () => {
    const base = `${service.url}/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${workspace}/onlineEndpoints/churn-endpoint?api-version=2024-10-01`;
    const headers = { authorization: "Bearer test-token", "content-type": "application/json" };
    const current = await (await fetch(base, { headers })).json();
    const put = await fetch(base, { method: "PUT", headers, body: JSON.stringify({ ...current, properties: { ...current.properties, traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 } } }) });
    expect(put.status).toBe(200);
    expect(put.headers.get("retry-after")).toBe("0");
    expect((await (await fetch(base, { headers })).json()).properties.provisioningState).toBe("Updating");
    const statusUrl = put.headers.get("azure-asyncoperation")!;
    expect((await (await fetch(statusUrl, { headers })).json()).status).toBe("InProgress");
    expect((await (await fetch(statusUrl, { headers })).json()).status).toBe("Succeeded");
    expect((await (await fetch(base, { headers })).json()).properties).toMatchObject({ provisioningState: "Succeeded", mirrorTraffic: { green: 10 } });
  });

  it("answers like ARM without api-version or token", async () => {
    const path = `${service.url}/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${workspace}/onlineEndpoints`;
    const noVersion = await fetch(path, { headers: { authorization: "Bearer test-token" } });
    expect(noVersion.status).toBe(400);
    expect((await noVersion.json()).error.code).toBe("MissingApiVersionParameter");
    const noToken = await fetch(`${path}?api-version=2024-10-01`);
    expect(noToken.status).toBe(401);
    const badToken = await fetch(`${path}?api-version=2024-10-01`, { headers: { authorization: "Bearer forged" } });
    expect((await badToken.json()).error.code).toBe("InvalidAuthenticationToken");
  });
});
