import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { Prisma } from "@/lib/db/generated/client";
import { describeStep, templateContentSchema, trafficForStep } from "@/lib/domain/rollout-plan";
import { invalidInput, RefusedError } from "@/lib/errors/refused-error";
import { idempotencyKeySchema } from "@/lib/promotions/request-promotion";
import { APPLY_TRAFFIC_JOB, applyTrafficJobKey } from "./apply-traffic-job";
import { type RolloutDeps, rolloutSubject } from "./rollout-deps";

const deploymentName = z.string().trim().regex(/^[A-Za-z0-9][\w-]{0,63}$/, "must be an Azure ML deployment name");

export const startRolloutInput = z
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

/** An MLLead starts a rollout of an approved version: step one (shadow) is applied through the outbox. */
export async function startRollout(ctx: RequestContext, rawInput: unknown, deps: RolloutDeps) {
  requirePermission(ctx, "rollouts:operate");
  const parsed = startRolloutInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;

  const replay = await deps.prisma.rolloutAction.findUnique({ where: { idempotencyKey: input.idempotencyKey }, include: { rollout: true } });
  if (replay) {
    if (replay.actorId !== ctx.user.id) throw new RefusedError("idempotency_conflict", "This idempotency key was already used; reload the page and start again.");
    return { rollout: replay.rollout, replayed: true };
  }

  const request = await deps.prisma.promotionRequest.findUnique({ where: { id: input.promotionRequestId } });
  if (!request) throw new RefusedError("not_found", "There is no such promotion request.");
  if (request.status !== "approved") throw new RefusedError("not_pending", `Only an approved promotion can be rolled out; this one is ${request.status}.`);
  const template = await deps.prisma.rolloutTemplate.findUnique({ where: { name: input.templateName } });
  if (!template) throw new RefusedError("invalid_input", `There is no rollout template named ${input.templateName}.`, { templateName: "unknown template" });
  const plan = templateContentSchema.parse(template.content);

  const endpoint = await deps.readEndpoint(input.endpoint);
  const byName = new Map(endpoint.deployments.map((deployment) => [deployment.name, deployment]));
  const candidate = byName.get(input.candidateDeployment);
  if (!byName.has(input.baselineDeployment)) throw new RefusedError("invalid_input", `${input.endpoint} has no deployment ${input.baselineDeployment}.`, { baselineDeployment: "no such deployment" });
  if (!candidate) throw new RefusedError("invalid_input", `${input.endpoint} has no deployment ${input.candidateDeployment}.`, { candidateDeployment: "no such deployment" });
  if (candidate.modelName !== request.modelName || candidate.modelVersion !== request.modelVersion) {
    throw new RefusedError(
      "invalid_input",
      `Deployment ${candidate.name} serves ${candidate.modelName ?? "an unknown model"} v${candidate.modelVersion ?? "?"}, not ${request.modelName} v${request.modelVersion}. Deploy the approved version first.`,
      { candidateDeployment: "serves another model version" },
    );
  }
  const others = Object.entries({ ...endpoint.traffic, ...endpoint.mirrorTraffic }).filter(
    ([name, percent]) => percent > 0 && name !== input.baselineDeployment && name !== input.candidateDeployment,
  );
  if (others.length > 0) throw new RefusedError("invalid_input", `Other deployments still take traffic (${others.map(([name, percent]) => `${name} ${percent}%`).join(", ")}); the plan moves traffic between the baseline and the candidate only.`);

  const first = plan.steps[0]!;
  const desired = trafficForStep(first, input.baselineDeployment, input.candidateDeployment);
  const now = deps.now();
  try {
    return await deps.prisma.$transaction(async (tx) => {
      const rollout = await tx.rollout.create({
        data: {
          promotionRequestId: request.id,
          modelName: request.modelName,
          modelVersion: request.modelVersion,
          endpoint: input.endpoint,
          baselineDeployment: input.baselineDeployment,
          candidateDeployment: input.candidateDeployment,
          templateName: template.name,
          plan: plan as unknown as Prisma.InputJsonValue,
          autoMode: input.autoMode,
          revision: 1,
          currentStep: 0,
          stepStartedAt: now,
          desiredTraffic: desired as unknown as Prisma.InputJsonValue,
          appliedTraffic: { traffic: endpoint.traffic, mirrorTraffic: endpoint.mirrorTraffic },
          createdById: ctx.user.id,
          createdByName: ctx.user.name,
        },
      });
      await tx.rolloutAction.create({
        data: { rolloutId: rollout.id, revision: 1, action: "start", actorId: ctx.user.id, actorName: ctx.user.name, fromStep: 0, toStep: 0, traffic: desired as unknown as Prisma.InputJsonValue, idempotencyKey: input.idempotencyKey },
      });
      await tx.outboxJob.create({ data: { kind: APPLY_TRAFFIC_JOB, payload: { rolloutId: rollout.id, revision: 1 }, idempotencyKey: applyTrafficJobKey(rollout.id, 1) } });
      await appendAuditEvent(tx, {
        actorId: ctx.user.id,
        actorName: ctx.user.name,
        action: "rollout.started",
        ...rolloutSubject(rollout),
        requestId: deps.requestId,
        data: { rolloutId: rollout.id, endpoint: input.endpoint, baseline: input.baselineDeployment, candidate: input.candidateDeployment, template: template.name, autoMode: input.autoMode, step: describeStep(first), traffic: { ...desired } },
      });
      return { rollout, replayed: false };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      if (JSON.stringify(error.meta ?? {}).includes("idempotency")) return startRollout(ctx, rawInput, deps);
      throw new RefusedError("duplicate_request", `${input.endpoint} already has a rollout in progress; finish, roll back or abort it first.`);
    }
    throw error;
  }
}
