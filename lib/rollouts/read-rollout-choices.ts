import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { PrismaClient } from "@/lib/db/generated/client";
import { parseDeploymentModel } from "@/lib/domain/deployment-model";
import { RefusedError } from "@/lib/errors/refused-error";
import { currentTemplates } from "./templates/rollout-templates";
import type { EndpointWithDeployments } from "@/lib/sources/azure-ml";
import type { Cached } from "@/lib/sources/read-cache";

/** What the "plan a rollout" form offers for an approved promotion, with sensible defaults; engineers draft, leads also start. */
export async function readRolloutChoices(ctx: RequestContext, input: { promotionRequestId: string }, deps: { prisma: PrismaClient; readFleet: () => Promise<Cached<EndpointWithDeployments[]>> }) {
  requirePermission(ctx, "rollouts:draft");
  const id = z.uuid().safeParse(input.promotionRequestId);
  if (!id.success) throw new RefusedError("not_found", "There is no such promotion request.");
  const request = await deps.prisma.promotionRequest.findUnique({ where: { id: id.data } });
  if (!request) throw new RefusedError("not_found", "There is no such promotion request.");
  if (request.status !== "approved") throw new RefusedError("not_pending", `Only an approved promotion can be rolled out; this one is ${request.status}.`);
  const [fleet, templates] = await Promise.all([deps.readFleet(), currentTemplates(deps.prisma)]);
  const endpoints = fleet.value.map(({ endpoint, deployments }) => ({
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
    fleetAsOf: fleet.asOf.toISOString(),
    fleetStaleBecause: fleet.staleBecause ?? null,
    canStart: ctx.permissions.has("rollouts:operate"),
  };
}
