import "server-only";
import { getConfig } from "@/lib/config";
import { appCredential } from "../azure/azure-credential";
import { ReadCache } from "../read-cache";
import { AzureMlClient } from "./azure-ml-client";

export { ARM_UPSTREAM, AzureMlClient, AzureMlError } from "./azure-ml-client";
export type { EndpointWithDeployments, OnlineDeploymentInfo, OnlineEndpointInfo, WorkspaceCoordinates } from "./azure-ml-client";

// The workspace's coordinates, and the app registration whose client credentials ARM accepts.
const REQUIRED_VARIABLES = [
  "ARM_ENDPOINT",
  "AZURE_SUBSCRIPTION_ID",
  "AZURE_RESOURCE_GROUP",
  "AZURE_ML_WORKSPACE",
  "ENTRA_AUTHORITY_HOST",
  "ENTRA_TENANT_ID",
  "ENTRA_CLIENT_ID",
  "ENTRA_CLIENT_SECRET",
] as const;

export class AzureMlNotConfiguredError extends Error {
  constructor(readonly missing: string[]) {
    super(`The Azure ML workspace is not configured: set ${missing.join(", ")} to see the online endpoints and deployments serving models.`);
    this.name = "AzureMlNotConfiguredError";
  }
}

const holder = globalThis as unknown as { stagegateAzureMl?: AzureMlClient };

/** The workspace's client, built once per process; throws AzureMlNotConfiguredError naming what is missing. */
export function getAzureMlClient(): AzureMlClient {
  if (holder.stagegateAzureMl) return holder.stagegateAzureMl;
  const config = getConfig();
  const missing = REQUIRED_VARIABLES.filter((name) => !config[name]);
  if (missing.length > 0) throw new AzureMlNotConfiguredError(missing);
  holder.stagegateAzureMl = new AzureMlClient({
    credential: appCredential(config),
    armEndpoint: config.ARM_ENDPOINT!,
    subscriptionId: config.AZURE_SUBSCRIPTION_ID!,
    resourceGroup: config.AZURE_RESOURCE_GROUP!,
    workspace: config.AZURE_ML_WORKSPACE!,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
  });
  return holder.stagegateAzureMl;
}

/** ARM reads are cached briefly: endpoints change rarely, and ARM throttles reads per subscription. */
export const armReadCache = new ReadCache({ freshMs: 30_000, maxEntries: 200 });
