import type { GetTokenOptions } from "@azure/core-auth";
import { createHttpHeaders, type PipelineRequest } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "@/lib/config/schema";
import { AzureMlClient } from "../azure-ml/azure-ml-client";
import { LogAnalyticsClient, logsColumn } from "../log-analytics";
import { appTokenRequests, LOG_ANALYTICS_SCOPE } from "./app-token-scopes";

const ENTRA = {
  ENTRA_AUTHORITY_HOST: "https://login.microsoftonline.com",
  ENTRA_TENANT_ID: "72f988bf-86f1-41af-91ab-2d7cd011db47",
  ENTRA_CLIENT_ID: "0f6d4c1e-2b1a-4f0e-9a55-3a7e2c1d9b10",
  ENTRA_CLIENT_SECRET: "a secret of the app",
};
const ARM = { ARM_ENDPOINT: "https://management.azure.com", AZURE_SUBSCRIPTION_ID: "3f2b8c1d-6a4e-4b7f-9c2d-1e0a5b6c7d8e", AZURE_RESOURCE_GROUP: "rg-ml", AZURE_ML_WORKSPACE: "mlw" };
const LOGS = { LOG_ANALYTICS_ENDPOINT: "https://api.loganalytics.io", LOG_ANALYTICS_WORKSPACE_ID: "3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d" };

/** A credential that records what each client asks Entra for. */
function recordingCredential() {
  const asked: { scopes: string[]; enableCae: boolean }[] = [];
  return {
    asked,
    getToken: async (scopes: string | string[], options: GetTokenOptions = {}) => {
      asked.push({ scopes: [scopes].flat(), enableCae: options.enableCae === true });
      return { token: "t", expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

const answering = (body: unknown) => ({
  sendRequest: async (request: PipelineRequest) => ({ request, status: 200, headers: createHttpHeaders({ "content-type": "application/json" }), bodyAsText: JSON.stringify(body) }),
});

describe("the app tokens warmed at start", () => {
  it("are the tokens the ARM and Log Analytics clients ask for", async () => {
    const requests = appTokenRequests(parseConfig({ ...ENTRA, ...ARM, ...LOGS }));
    const arm = recordingCredential();
    await new AzureMlClient({ credential: arm, armEndpoint: "https://arm.test", subscriptionId: "sub-1", resourceGroup: "rg-ml", workspace: "mlw", timeoutMs: 5000, httpClient: answering({ value: [] }) }).listOnlineEndpoints();
    const logs = recordingCredential();
    const table = { tables: [{ name: "PrimaryResult", columns: [{ name: "N", type: "long" }], rows: [[1]] }] };
    await new LogAnalyticsClient({ endpoint: "https://logs.test", workspaceId: "ws", credential: logs, timeoutMs: 5000, httpClient: answering(table) }).query({
      name: "one",
      text: "print N = 1",
      timespan: { from: new Date("2026-12-01T10:00:00Z"), to: new Date("2026-12-01T11:00:00Z") },
      row: z.object({ N: logsColumn.long }),
    });
    expect(arm.asked.length).toBeGreaterThan(0);
    expect(logs.asked.length).toBeGreaterThan(0);
    for (const asked of [...arm.asked, ...logs.asked]) expect(requests).toContainEqual(asked);
    expect(logs.asked[0]!.scopes).toEqual([LOG_ANALYTICS_SCOPE]);
  });

  it("cover only the upstreams configured, MLflow's when it signs in with Entra", () => {
    expect(appTokenRequests(parseConfig({ ...ARM, ...LOGS }))).toEqual([]);
    expect(appTokenRequests(parseConfig({ ...ENTRA }))).toEqual([]);
    expect(appTokenRequests(parseConfig({ ...ENTRA, ...LOGS })).map((request) => request.scopes)).toEqual([[LOG_ANALYTICS_SCOPE]]);
    const mlflow = appTokenRequests(parseConfig({ ...ENTRA, MLFLOW_TRACKING_URI: "https://mlflow.test", MLFLOW_AUTH: "entra", MLFLOW_ENTRA_SCOPE: "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default" }));
    expect(mlflow).toEqual([{ scopes: ["2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default"] }]);
  });
});
