// The Azure ML fleet the registry tests read through ARM: endpoint churn-endpoint with blue
// (churn_xgb v6, 100% live) and green (v7, 0% live, 10% mirrored).
import type { AzureMlClient, EndpointWithDeployments } from "@/lib/sources/azure-ml/azure-ml-client";

export const FAKE_FLEET: EndpointWithDeployments[] = [
  {
    endpoint: { id: "/e/churn-endpoint", name: "churn-endpoint", location: "westeurope", description: null, authMode: "Key", scoringUri: null, provisioningState: "Succeeded", traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 }, tags: {}, lastModifiedAt: null },
    deployments: [
      { id: "/d/blue", name: "blue", endpointName: "churn-endpoint", model: "azureml:churn_xgb:6", description: null, instanceType: "Standard_DS3_v2", instanceCount: 3, provisioningState: "Succeeded", createdAt: null },
      { id: "/d/green", name: "green", endpointName: "churn-endpoint", model: "azureml:churn_xgb:7", description: null, instanceType: "Standard_DS3_v2", instanceCount: 2, provisioningState: "Succeeded", createdAt: null },
    ],
  },
];

export type FleetReads = Pick<AzureMlClient, "listOnlineEndpoints" | "listOnlineDeployments" | "studioEndpointUrl">;

/** ARM's reads of the fleet; `overrides` replace single methods (to fail them, for instance). */
export function fakeFleet(overrides: Partial<FleetReads> = {}): FleetReads {
  return {
    listOnlineEndpoints: async () => FAKE_FLEET.map((entry) => entry.endpoint),
    listOnlineDeployments: async (endpoint) => FAKE_FLEET.find((entry) => entry.endpoint.name === endpoint)?.deployments ?? [],
    studioEndpointUrl: (endpoint) => `https://ml.azure.com/endpoints/realtime/${endpoint}/detail`,
    ...overrides,
  };
}
