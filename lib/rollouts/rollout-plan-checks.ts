import "server-only";
import { z } from "zod";
import type { Prisma, PrismaClient, PromotionRequest } from "@/lib/db/generated/client";
import { trafficForStep, type TemplateContent, type TrafficSplit } from "@/lib/domain/rollout-plan";
import { notFound, RefusedError } from "@/lib/errors/refused-error";
import { idempotencyKeySchema } from "@/lib/http/idempotency-key";
import type { Services } from "@/lib/services/services";
import { readLiveEndpoint, type LiveEndpoint } from "./live-endpoint";
import { currentTemplate } from "./templates/rollout-templates";

// What starting a rollout and drafting one have in common: the plan's input and the checks that
// it can run on the endpoint as ARM holds it now. Starting a draft runs the same checks again.

const deploymentName = z.string().trim().regex(/^[A-Za-z0-9][\w-]{0,63}$/, "must be an Azure ML deployment name");

/** A rollout plan as the new-rollout form (or the JSON API) sends it. */
export const rolloutPlanInput = z
  .object({
    promotionRequestId: z.uuid("is not a promotion request id"),
    endpoint: z.string().trim().regex(/^[A-Za-z][\w-]{0,63}$/, "must be an Azure ML endpoint name"),
    baselineDeployment: deploymentName,
    candidateDeployment: deploymentName,
    templateName: z.string().trim().min(1).max(64),
    autoMode: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
    idempotencyKey: idempotencyKeySchema,
  })
  .refine((input) => input.baselineDeployment !== input.candidateDeployment, { path: ["candidateDeployment"], message: "must differ from the baseline deployment" });
export type RolloutPlanInput = z.infer<typeof rolloutPlanInput>;

export interface PlanTarget {
  endpoint: string;
  baselineDeployment: string;
  candidateDeployment: string;
}

/**
 * The promotion being rolled out: only an approved one, and only once. A second rollout of a
 * promotion already rolling or rolled out would send traffic back to the baseline (a stale draft
 * started after the first completed did exactly that); rolling back frees it for another try.
 */
export async function approvedPromotion(prisma: PrismaClient, promotionRequestId: string, startingDraftId?: string): Promise<PromotionRequest> {
  const request = await prisma.promotionRequest.findUnique({ where: { id: promotionRequestId } });
  if (!request) throw notFound("There is no such promotion request.");
  if (request.status !== "approved") throw new RefusedError("not_pending", `Only an approved promotion can be rolled out; this one is ${request.status}.`);
  // Not the draft being started: started by somebody else a moment ago, it is told so under its row lock.
  const taken = await prisma.rollout.findFirst({
    where: { promotionRequestId, status: { in: ["running", "paused", "completed"] }, ...(startingDraftId ? { id: { not: startingDraftId } } : {}) },
    orderBy: { createdAt: "desc" },
  });
  if (taken) {
    throw new RefusedError(
      "duplicate_request",
      `${request.modelName} v${request.modelVersion} is already ${taken.status === "completed" ? "rolled out" : "being rolled out"} on ${taken.endpoint} (rollout ${taken.id}, ${taken.status}). Nothing was done; a new rollout needs that one rolled back or a new approval.`,
    );
  }
  return request;
}

/** One open draft per promotion and endpoint: a second would only wait to be started by mistake. */
export async function expectNoOpenDraft(prisma: PrismaClient, promotionRequestId: string, endpoint: string): Promise<void> {
  const draft = await prisma.rollout.findFirst({ where: { promotionRequestId, endpoint, status: "draft" } });
  if (draft) {
    throw new RefusedError("duplicate_request", `${draft.createdByName} already drafted this rollout on ${endpoint} (draft ${draft.id}); start or discard that draft instead. Nothing was saved.`);
  }
}

/** The template's current steps and thresholds, frozen into the rollout. */
export async function templatePlan(prisma: PrismaClient, templateName: string): Promise<{ name: string; plan: TemplateContent }> {
  const template = await currentTemplate(prisma, templateName);
  if (!template) throw new RefusedError("invalid_input", `There is no rollout template named ${templateName}.`, { templateName: "unknown template" });
  return { name: template.name, plan: template.content };
}

/**
 * Reads the endpoint from ARM and checks the plan can run on it: both deployments exist, the
 * candidate serves the approved version, and no third deployment takes traffic.
 */
export async function checkEndpointForPlan(services: Pick<Services, "azureMl">, request: Pick<PromotionRequest, "modelName" | "modelVersion">, target: PlanTarget): Promise<LiveEndpoint> {
  const endpoint = await readLiveEndpoint(services, target.endpoint);
  const byName = new Map(endpoint.deployments.map((deployment) => [deployment.name, deployment]));
  const candidate = byName.get(target.candidateDeployment);
  if (!byName.has(target.baselineDeployment)) throw new RefusedError("invalid_input", `${target.endpoint} has no deployment ${target.baselineDeployment}.`, { baselineDeployment: "no such deployment" });
  if (!candidate) throw new RefusedError("invalid_input", `${target.endpoint} has no deployment ${target.candidateDeployment}.`, { candidateDeployment: "no such deployment" });
  if (candidate.modelName !== request.modelName || candidate.modelVersion !== request.modelVersion) {
    throw new RefusedError(
      "invalid_input",
      `Deployment ${candidate.name} serves ${candidate.modelName ?? "an unknown model"} v${candidate.modelVersion ?? "?"}, not ${request.modelName} v${request.modelVersion}. Deploy the approved version first.`,
      { candidateDeployment: "serves another model version" },
    );
  }
  const others = Object.entries({ ...endpoint.traffic, ...endpoint.mirrorTraffic }).filter(
    ([name, percent]) => percent > 0 && name !== target.baselineDeployment && name !== target.candidateDeployment,
  );
  if (others.length > 0) throw new RefusedError("invalid_input", `Other deployments still take traffic (${others.map(([name, percent]) => `${name} ${percent}%`).join(", ")}); the plan moves traffic between the baseline and the candidate only.`);
  return endpoint;
}

/** Every check of a new plan, and the traffic of its first step. */
export async function validateRolloutPlan(services: Pick<Services, "db" | "azureMl">, input: RolloutPlanInput) {
  const request = await approvedPromotion(services.db, input.promotionRequestId);
  const template = await templatePlan(services.db, input.templateName);
  const endpoint = await checkEndpointForPlan(services, request, input);
  const firstStep = template.plan.steps[0]!;
  const desired: TrafficSplit = trafficForStep(firstStep, input.baselineDeployment, input.candidateDeployment);
  return { request, template, endpoint, firstStep, desired };
}

/** The row fields a started and a drafted rollout share: what is rolled out where, by whom, with which frozen plan. */
export function newRolloutFields(actor: { id: string; name: string }, input: RolloutPlanInput, plan: Awaited<ReturnType<typeof validateRolloutPlan>>, now: Date) {
  return {
    promotionRequestId: plan.request.id,
    modelName: plan.request.modelName,
    modelVersion: plan.request.modelVersion,
    endpoint: input.endpoint,
    baselineDeployment: input.baselineDeployment,
    candidateDeployment: input.candidateDeployment,
    templateName: plan.template.name,
    plan: plan.template.plan as unknown as Prisma.InputJsonValue,
    autoMode: input.autoMode,
    currentStep: 0,
    stepStartedAt: now,
    desiredTraffic: plan.desired as unknown as Prisma.InputJsonValue,
    createdById: actor.id,
    createdByName: actor.name,
  };
}

/** The message for a start that lost to another rollout on the endpoint (the one-active index). */
export function endpointBusyMessage(endpoint: string): string {
  return `${endpoint} already has a rollout in progress; finish, roll back or abort it first.`;
}
