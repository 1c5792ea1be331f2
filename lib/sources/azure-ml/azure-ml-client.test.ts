import { createHttpHeaders, type PipelineRequest } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { AzureMlClient, AzureMlError, toAzureMlError } from "./azure-ml-client";

const WORKSPACE = "/subscriptions/sub-1/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw";

const ENDPOINT = {
  id: `${WORKSPACE}/onlineEndpoints/churn-endpoint`,
  name: "churn-endpoint",
  location: "westeurope",
  properties: { authMode: "Key", provisioningState: "Succeeded", scoringUri: "https://churn/score", traffic: { blue: 90, green: 10 }, mirrorTraffic: { shadow: 20 } },
  systemData: { lastModifiedAt: "2026-11-01T10:00:00Z" },
};
const DEPLOYMENT = {
  id: `${ENDPOINT.id}/deployments/blue`,
  name: "blue",
  location: "westeurope",
  properties: { endpointComputeType: "Managed", model: "azureml:churn_xgb:6", instanceType: "Standard_DS3_v2", provisioningState: "Succeeded" },
  sku: { name: "Default", capacity: 3 },
  systemData: { createdAt: "2026-09-01T10:00:00Z" },
};

function fakeArm(answer: (request: PipelineRequest) => { status: number; body: unknown }) {
  const requests: PipelineRequest[] = [];
  const client = new AzureMlClient({
    credential: { getToken: async () => ({ token: "arm-token", expiresOnTimestamp: Date.now() + 3_600_000 }) },
    armEndpoint: "https://arm.test",
    subscriptionId: "sub-1",
    resourceGroup: "rg-ml",
    workspace: "mlw",
    timeoutMs: 5000,
    httpClient: {
      sendRequest: async (request) => {
        requests.push(request);
        const { status, body } = answer(request);
        return { request, status, headers: createHttpHeaders({ "content-type": "application/json" }), bodyAsText: JSON.stringify(body) };
      },
    },
  });
  return { client, requests };
}

describe("AzureMlClient", () => {
  it("lists endpoints and deployments of the workspace with an ARM token, as plain data", async () => {
    const { client, requests } = fakeArm((request) => ({ status: 200, body: { value: request.url.includes("/deployments") ? [DEPLOYMENT] : [ENDPOINT] } }));
    const fleet = [{ endpoint: (await client.listOnlineEndpoints())[0], deployments: await client.listOnlineDeployments("churn-endpoint") }];
    expect(fleet).toEqual([
      {
        endpoint: {
          id: ENDPOINT.id,
          name: "churn-endpoint",
          location: "westeurope",
          description: null,
          authMode: "Key",
          scoringUri: "https://churn/score",
          provisioningState: "Succeeded",
          traffic: { blue: 90, green: 10 },
          mirrorTraffic: { shadow: 20 },
          tags: {},
          lastModifiedAt: "2026-11-01T10:00:00.000Z",
        },
        deployments: [
          {
            id: DEPLOYMENT.id,
            name: "blue",
            endpointName: "churn-endpoint",
            model: "azureml:churn_xgb:6",
            description: null,
            instanceType: "Standard_DS3_v2",
            instanceCount: 3,
            provisioningState: "Succeeded",
            createdAt: "2026-09-01T10:00:00.000Z",
          },
        ],
      },
    ]);
    const [list, deployments] = requests.map((request) => new URL(request.url));
    expect(list!.pathname.replace(/\/{2,}/g, "/")).toBe(`${WORKSPACE}/onlineEndpoints`);
    expect(list!.searchParams.get("api-version")).toBeTruthy();
    expect(deployments!.pathname.replace(/\/{2,}/g, "/")).toBe(`${WORKSPACE}/onlineEndpoints/churn-endpoint/deployments`);
    expect(requests[0]!.headers.get("authorization")).toBe("Bearer arm-token");
  });

  it("fails with a typed error naming Azure Resource Manager", async () => {
    const { client } = fakeArm(() => ({ status: 404, body: { error: { code: "ResourceNotFound", message: "The Resource 'x' was not found." } } }));
    const failure = await client.getOnlineEndpoint("x").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AzureMlError);
    expect(failure).toMatchObject({ upstream: "Azure Resource Manager", status: 404, code: "ResourceNotFound", transient: false });
    expect((failure as Error).message).toMatch(/refused to get online endpoint x with 404 ResourceNotFound/);
  });

  it("gives up at its deadline when Entra ID never issues the token", async () => {
    let sent = 0;
    const client = new AzureMlClient({
      credential: { getToken: () => new Promise<null>(() => undefined) },
      armEndpoint: "https://arm.test",
      subscriptionId: "sub-1",
      resourceGroup: "rg-ml",
      workspace: "mlw",
      timeoutMs: 100,
      httpClient: { sendRequest: async () => Promise.reject(new Error(`sent ${++sent}`)) },
    });
    await expect(client.listOnlineEndpoints()).rejects.toMatchObject({ code: "DEADLINE_EXCEEDED", transient: true });
    expect(sent).toBe(0);
  });

  it("maps timeouts and refused connections to transient errors", () => {
    expect(toAzureMlError(Object.assign(new Error("aborted"), { name: "AbortError" }), "list online endpoints", 5000)).toMatchObject({ code: "DEADLINE_EXCEEDED", transient: true });
    expect(toAzureMlError(new Error("connect ECONNREFUSED"), "list online endpoints", 5000)).toMatchObject({ code: "UNREACHABLE", transient: true, status: undefined });
    expect(toAzureMlError({ name: "RestError", statusCode: 429, code: "TooManyRequests", message: "slow down" }, "x", 1)).toMatchObject({ transient: true, status: 429 });
  });

  it("links an endpoint to Azure ML studio", () => {
    const { client } = fakeArm(() => ({ status: 200, body: {} }));
    expect(client.studioEndpointUrl("churn-endpoint")).toBe(`https://ml.azure.com/endpoints/realtime/churn-endpoint/detail?wsid=${encodeURIComponent(WORKSPACE)}`);
  });
});
