// Azure ML online endpoints and deployments as ARM serializes them (wire-formats §4).
import type { EmulatorContext } from "../../context";
import type { DeploymentSpec, EndpointFleet } from "../../scenario/endpoint-fleet";

export function workspacePath(context: EmulatorContext): string {
  const { subscriptionId, resourceGroup, workspace } = context.identity;
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${workspace}`;
}

function systemData(createdAt: Date, modifiedAt: Date) {
  return {
    createdAt: createdAt.toISOString(),
    createdBy: "ml-platform@contoso.com",
    createdByType: "User",
    lastModifiedAt: modifiedAt.toISOString(),
    lastModifiedBy: "ml-platform@contoso.com",
    lastModifiedByType: "User",
  };
}

export function endpointResource(context: EmulatorContext, fleet: EndpointFleet, name: string) {
  const endpoint = fleet.get(name);
  if (!endpoint) return undefined;
  const { location, tenantId } = context.identity;
  const host = `${name}.${location}.inference.ml.azure.com`;
  return {
    id: `${workspacePath(context)}/onlineEndpoints/${name}`,
    name,
    type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
    location,
    kind: "Managed",
    tags: endpoint.tags,
    identity: { type: "SystemAssigned", principalId: `${tenantId.slice(0, 8)}-0000-4000-8000-${name.length.toString().padStart(12, "0")}`, tenantId },
    properties: {
      authMode: endpoint.spec.authMode,
      description: endpoint.spec.description,
      scoringUri: `https://${host}/score`,
      swaggerUri: `https://${host}/swagger.json`,
      provisioningState: endpoint.provisioningState,
      traffic: endpoint.traffic,
      mirrorTraffic: endpoint.mirrorTraffic,
      publicNetworkAccess: "Enabled",
      properties: {},
      keys: null,
    },
    systemData: systemData(endpoint.spec.createdAt, endpoint.lastModifiedAt),
  };
}

export function deploymentResource(context: EmulatorContext, endpointName: string, deployment: DeploymentSpec) {
  return {
    id: `${workspacePath(context)}/onlineEndpoints/${endpointName}/deployments/${deployment.name}`,
    name: deployment.name,
    type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments",
    location: context.identity.location,
    kind: "Managed",
    tags: {},
    properties: {
      endpointComputeType: "Managed",
      description: `${deployment.modelName} version ${deployment.modelVersion}`,
      model: `azureml:${deployment.modelName}:${deployment.modelVersion}`,
      environmentId: "azureml:sklearn-xgboost-inference:12",
      codeConfiguration: { codeId: `azureml:score-${deployment.modelName}:1`, scoringScript: "score.py" },
      instanceType: deployment.instanceType,
      scaleSettings: { scaleType: "Default" },
      requestSettings: { requestTimeout: "PT5S", maxConcurrentRequestsPerInstance: 4, maxQueueWait: "PT0.5S" },
      livenessProbe: { initialDelay: "PT10M", period: "PT10S", timeout: "PT2S", failureThreshold: 30, successThreshold: 1 },
      readinessProbe: { initialDelay: "PT10S", period: "PT10S", timeout: "PT2S", failureThreshold: 30, successThreshold: 1 },
      appInsightsEnabled: true,
      environmentVariables: {},
      properties: {},
      provisioningState: "Succeeded",
    },
    sku: { name: "Default", tier: "Standard", capacity: deployment.instanceCount },
    systemData: systemData(deployment.createdAt, deployment.createdAt),
  };
}
