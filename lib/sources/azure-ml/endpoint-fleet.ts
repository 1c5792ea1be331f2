// The workspace's endpoints and their deployments, read through the process's ARM read cache: the
// one fleet read of the registry and rollouts pages. ARM lists endpoints, then each endpoint's
// deployments: two round trips at least, the second fanned out over every endpoint at once.
import type { Cached } from "../read-cache";
import type { Upstream } from "../upstream";
import type { AzureMlClient, EndpointWithDeployments, OnlineEndpointInfo } from "./azure-ml-client";
import { AZURE_ML_CACHE_KEYS } from "./cache-keys";

/** The ARM reads the fleet needs (tests fake these). */
export type FleetReads = Pick<AzureMlClient, "listOnlineEndpoints" | "listOnlineDeployments">;

/** The workspace's online endpoints: a page that needs only their names starts from this read. */
export function cachedEndpoints(azureMl: Upstream<Pick<FleetReads, "listOnlineEndpoints">>): Promise<Cached<OnlineEndpointInfo[]>> {
  return azureMl.cache.read(AZURE_ML_CACHE_KEYS.endpoints, () => azureMl.client().listOnlineEndpoints());
}

/**
 * Every endpoint with its deployments; as old as its oldest part, stale when any part is the last
 * good copy. Throws when a part fails with nothing cached for it.
 */
export async function readEndpointFleet(azureMl: Upstream<FleetReads>): Promise<Cached<EndpointWithDeployments[]>> {
  const endpoints = await cachedEndpoints(azureMl);
  const deployments = await Promise.all(
    endpoints.value.map((endpoint) => azureMl.cache.read(AZURE_ML_CACHE_KEYS.deployments(endpoint.name), () => azureMl.client().listOnlineDeployments(endpoint.name))),
  );
  const reads: Cached<unknown>[] = [endpoints, ...deployments];
  const asOf = new Date(Math.min(...reads.map((read) => read.asOf.getTime())));
  const staleBecause = reads.find((read) => read.staleBecause)?.staleBecause;
  return {
    value: endpoints.value.map((endpoint, index) => ({ endpoint, deployments: deployments[index]!.value })),
    asOf,
    ...(staleBecause ? { staleBecause } : {}),
  };
}
