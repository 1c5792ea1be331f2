import "server-only";
import { parseDeploymentModel } from "@/lib/domain/deployment-model";
import type { AzureMlClient } from "@/lib/sources/azure-ml";
import type { LiveEndpoint } from "./rollout-deps";

/** The endpoint as ARM holds it now (never cached: actions and drift checks need the truth). */
export async function readLiveEndpoint(client: AzureMlClient, name: string): Promise<LiveEndpoint> {
  const [endpoint, deployments] = await Promise.all([client.getOnlineEndpoint(name), client.listOnlineDeployments(name)]);
  return {
    name: endpoint.name,
    traffic: endpoint.traffic,
    mirrorTraffic: endpoint.mirrorTraffic,
    provisioningState: endpoint.provisioningState,
    deployments: deployments.map((deployment) => {
      const model = parseDeploymentModel(deployment.model);
      return { name: deployment.name, modelName: model?.name ?? null, modelVersion: model?.version ?? null };
    }),
  };
}
