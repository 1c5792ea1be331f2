import "server-only";
import { parseDeploymentModel } from "@/lib/domain/deployment-model";
import type { Services } from "@/lib/services/services";

/** An endpoint as ARM holds it now, as far as rollouts care. */
export interface LiveEndpoint {
  name: string;
  traffic: Record<string, number>;
  mirrorTraffic: Record<string, number>;
  provisioningState: string | null;
  deployments: { name: string; modelName: string | null; modelVersion: string | null }[];
}

/** The endpoint as ARM holds it now (never cached: actions and drift checks need the truth). */
export async function readLiveEndpoint(services: Pick<Services, "azureMl">, name: string): Promise<LiveEndpoint> {
  const client = services.azureMl.client();
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
