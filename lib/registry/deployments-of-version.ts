import "server-only";
import { parseDeploymentModel, servesModelVersion } from "@/lib/domain/deployment-model";
import { AzureMlNotConfiguredError, type EndpointWithDeployments } from "@/lib/sources/azure-ml";
import { UpstreamError } from "@/lib/sources/upstream-error";
import { registryCacheKeys } from "./cache-keys";
import { freshnessOf } from "./freshness";
import type { RegistrySources } from "./registry-sources";
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
 * from ARM through its cache. ARM trouble degrades this part of the page only.
 */
export async function readDeploymentsOfVersion(sources: RegistrySources, name: string, version: string): Promise<DeploymentsView> {
  try {
    const client = sources.azureMl();
    const read = await sources.armCache.read(registryCacheKeys.deployments(), () => client.listEndpointsWithDeployments());
    const all = deploymentsOfModel(read.value, name, (endpoint) => client.studioEndpointUrl(endpoint));
    const serves = (view: DeploymentView) => servesModelVersion(parseDeploymentModel(view.modelReference), name, version);
    return { state: "ok", serving: all.filter(serves), otherVersions: all.filter((view) => !serves(view)), ...freshnessOf([read]) };
  } catch (error) {
    if (error instanceof AzureMlNotConfiguredError) return { state: "not-configured", message: error.message };
    if (error instanceof UpstreamError) return { state: "unavailable", message: error.message };
    throw error;
  }
}
