// The workspace's endpoints and their deployments, read through the process's ARM read cache: the
// one fleet read of the registry and rollouts pages. ARM lists endpoints, then each endpoint's
// deployments: two round trips, unless the endpoint names the last read saw (a read hint) let the
// deployments be read beside the list.
import type { Cached } from "../read-cache";
import { asStrings, HINT_KEYS, type ReadHints } from "../read-hints";
import type { Upstream } from "../upstream";
import type { AzureMlClient, EndpointWithDeployments, OnlineEndpointInfo } from "./azure-ml-client";
import { AZURE_ML_CACHE_KEYS } from "./cache-keys";

/** The ARM reads the fleet needs (tests fake these). */
export type FleetReads = Pick<AzureMlClient, "listOnlineEndpoints" | "listOnlineDeployments">;

/** The workspace's online endpoints: a page that needs only their names starts from this read. */
export function cachedEndpoints(azureMl: Upstream<Pick<FleetReads, "listOnlineEndpoints">>): Promise<Cached<OnlineEndpointInfo[]>> {
  return azureMl.cache.read(AZURE_ML_CACHE_KEYS.endpoints, () => azureMl.client().listOnlineEndpoints());
}

/** The endpoint names the last fleet read saw, or null when none was recorded. */
export async function hintedEndpointNames(hints: ReadHints): Promise<string[] | null> {
  return asStrings((await hints.recall([HINT_KEYS.endpointNames])).get(HINT_KEYS.endpointNames));
}

/**
 * Every endpoint with its deployments; as old as its oldest part, stale when any part is the last
 * good copy. Throws when a part fails with nothing cached for it.
 */
export async function readEndpointFleet(azureMl: Upstream<FleetReads>, hints: ReadHints): Promise<Cached<EndpointWithDeployments[]>> {
  const deploymentsOf = (name: string) => azureMl.cache.read(AZURE_ML_CACHE_KEYS.deployments(name), () => azureMl.client().listOnlineDeployments(name));
  // Endpoints come and go: the hinted names' deployments are read beside the list, and the list decides.
  const early = new Map((await hintedEndpointNames(hints))?.map((name) => [name, deploymentsOf(name)]) ?? []);
  for (const reading of early.values()) reading.catch(() => undefined); // a removed endpoint's read may fail unseen
  const endpoints = await cachedEndpoints(azureMl);
  void hints.remember(HINT_KEYS.endpointNames, endpoints.value.map((endpoint) => endpoint.name));
  const deployments = await Promise.all(endpoints.value.map((endpoint) => early.get(endpoint.name) ?? deploymentsOf(endpoint.name)));
  const reads: Cached<unknown>[] = [endpoints, ...deployments];
  const asOf = new Date(Math.min(...reads.map((read) => read.asOf.getTime())));
  const staleBecause = reads.find((read) => read.staleBecause)?.staleBecause;
  return {
    value: endpoints.value.map((endpoint, index) => ({ endpoint, deployments: deployments[index]!.value })),
    asOf,
    ...(staleBecause ? { staleBecause } : {}),
  };
}
