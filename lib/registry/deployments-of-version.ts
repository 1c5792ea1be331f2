import "server-only";
import { parseDeploymentModel, servesModelVersion } from "@/lib/domain/deployment-model";
import { isNotConfigured, isUpstreamError } from "@/lib/errors/upstream-error";
import type { Services } from "@/lib/services/services";
import type { EndpointWithDeployments } from "@/lib/sources/azure-ml/azure-ml-client";
import { readEndpointFleet } from "@/lib/sources/azure-ml/endpoint-fleet";
import { freshnessOf } from "@/lib/sources/freshness";
import type { DeploymentView, DeploymentsView } from "./registry-views";

/** Each deployment of the model `name` on every endpoint, with the traffic its endpoint sends it. */
export function deploymentsOfModel(fleet: EndpointWithDeployments[], name: string, studioUrl: (endpoint: string) => string): DeploymentView[] {
  return fleet.flatMap(({ endpoint, deployments }) =>
    deployments.flatMap((deployment) => {
      const ref = parseDeploymentModel(deployment.model);
      if (!ref || ref.registry !== null || ref.name !== name) return [];
      return [
        {
          endpoint: endpoint.name,
          deployment: deployment.name,
          modelReference: deployment.model,
          servedVersion: ref.version,
          livePercent: endpoint.traffic[deployment.name] ?? 0,
          mirrorPercent: endpoint.mirrorTraffic[deployment.name] ?? 0,
          provisioningState: deployment.provisioningState,
          instanceType: deployment.instanceType,
          instanceCount: deployment.instanceCount,
          studioUrl: studioUrl(endpoint.name),
        },
      ];
    }),
  );
}

/**
 * The Azure ML deployments serving a model version (and those serving its other versions), read
 * from ARM through its cache (the fleet read the rollouts pages share). ARM trouble, or
 * ARM not configured, degrades this part of the page only.
 */
export async function readDeploymentsOfVersion(services: Pick<Services, "azureMl" | "hints">, name: string, version: string): Promise<DeploymentsView> {
  try {
    const client = services.azureMl.client();
    const read = await readEndpointFleet(services.azureMl, services.hints);
    const all = deploymentsOfModel(read.value, name, (endpoint) => client.studioEndpointUrl(endpoint));
    const serves = (view: DeploymentView) => servesModelVersion(parseDeploymentModel(view.modelReference), name, version);
    return { state: "ok", serving: all.filter(serves), otherVersions: all.filter((view) => !serves(view)), ...freshnessOf([read]) };
  } catch (error) {
    if (isNotConfigured(error)) return { state: "not-configured", message: error.message };
    if (isUpstreamError(error)) return { state: "unavailable", message: error.message };
    throw error;
  }
}
