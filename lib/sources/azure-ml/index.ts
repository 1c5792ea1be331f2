import "server-only";
import { getConfig } from "@/lib/config";
import { processSingleton } from "@/lib/services/process-singletons";
import { appCredential } from "../azure/azure-credential";
import { ReadCache } from "../read-cache";
import type { Upstream } from "../upstream";
import { UpstreamNotConfiguredError } from "../upstream-error";
import { ARM_REQUIRED_VARIABLES } from "./arm-settings";
import { ARM_UPSTREAM, AzureMlClient } from "./azure-ml-client";

export { ARM_UPSTREAM, AzureMlClient, AzureMlError } from "./azure-ml-client";
export type { EndpointWithDeployments, OnlineDeploymentInfo, OnlineEndpointInfo, WorkspaceCoordinates } from "./azure-ml-client";

function createAzureMlClient(): AzureMlClient {
  const config = getConfig();
  const missing = ARM_REQUIRED_VARIABLES.filter((name) => !config[name]);
  if (missing.length > 0) {
    throw new UpstreamNotConfiguredError(
      ARM_UPSTREAM,
      `The Azure ML workspace is not configured: set ${missing.join(", ")} to see the online endpoints and deployments serving models.`,
      missing,
    );
  }
  return new AzureMlClient({
    credential: appCredential(config),
    armEndpoint: config.ARM_ENDPOINT!,
    subscriptionId: config.AZURE_SUBSCRIPTION_ID!,
    resourceGroup: config.AZURE_RESOURCE_GROUP!,
    workspace: config.AZURE_ML_WORKSPACE!,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
  });
}

/** The workspace's endpoints through ARM, for the whole process. Reads are cached briefly: endpoints change rarely, and ARM throttles reads per subscription. */
export function azureMlUpstream(): Upstream<AzureMlClient> {
  return processSingleton("upstream:azure-ml", () => ({
    client: () => processSingleton("client:azure-ml", createAzureMlClient),
    cache: new ReadCache({ freshMs: 30_000, maxEntries: 200, capMs: getConfig().UPSTREAM_READ_FRESH_MS }),
  }));
}
