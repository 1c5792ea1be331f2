import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { parseDeploymentModel } from "@/lib/domain/deployment-model";
import { notFound, RefusedError } from "@/lib/errors/refused-error";
import { settleUpstream } from "@/lib/errors/upstream-problem";
import type { Services } from "@/lib/services/services";
import { readEndpointFleet } from "@/lib/sources/azure-ml/endpoint-fleet";
import { currentTemplates } from "./templates/rollout-templates";

/**
 * What the "plan a rollout" form offers for an approved promotion, with sensible defaults; engineers
 * draft, leads also start. When ARM is not configured or not answering (and nothing is cached), the
 * problem instead of endpoints, which the page shows as the rollouts page does.
 */
export async function readRolloutChoices(ctx: RequestContext, input: { promotionRequestId: string }, services: Pick<Services, "db" | "azureMl" | "hints">) {
  requirePermission(ctx, "rollouts:draft");
  const id = z.uuid().safeParse(input.promotionRequestId);
  const request = id.success ? await services.db.promotionRequest.findUnique({ where: { id: id.data } }) : null;
  if (!request) throw notFound("There is no such promotion request.");
  if (request.status !== "approved") throw new RefusedError("not_pending", `Only an approved promotion can be rolled out; this one is ${request.status}.`);
  const [fleet, templates] = await Promise.all([settleUpstream(() => readEndpointFleet(services.azureMl, services.hints)), currentTemplates(services.db)]);
  const endpoints = (fleet.value?.value ?? []).map(({ endpoint, deployments }) => ({
    name: endpoint.name,
    deployments: deployments.map((deployment) => {
      const model = parseDeploymentModel(deployment.model);
      return { name: deployment.name, serves: model ? `${model.name} v${model.version ?? model.label}` : "unknown", traffic: endpoint.traffic[deployment.name] ?? 0, model };
    }),
  }));
  const serving = endpoints
    .flatMap((endpoint) => endpoint.deployments.map((deployment) => ({ endpoint, deployment })))
    .find(({ deployment }) => deployment.model?.name === request.modelName && deployment.model?.version === request.modelVersion);
  const baseline = serving?.endpoint.deployments.filter((deployment) => deployment.name !== serving.deployment.name).sort((a, b) => b.traffic - a.traffic)[0];
  return {
    promotionRequestId: request.id,
    model: request.modelName,
    version: request.modelVersion,
    endpoints: endpoints.map((endpoint) => ({ name: endpoint.name, deployments: endpoint.deployments.map(({ name, serves, traffic }) => ({ name, serves, traffic })) })),
    templates: templates.map((template) => ({ name: template.name, description: template.content.description })),
    suggested: serving && baseline ? { endpoint: serving.endpoint.name, candidate: serving.deployment.name, baseline: baseline.name } : null,
    fleetAsOf: fleet.value?.asOf.toISOString() ?? null,
    fleetStaleBecause: fleet.value?.staleBecause ?? null,
    fleetProblem: fleet.problem,
    canStart: ctx.permissions.has("rollouts:operate"),
  };
}
