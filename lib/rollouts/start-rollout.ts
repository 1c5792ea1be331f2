import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { Prisma } from "@/lib/db/generated/client";
import { invalidInput, RefusedError } from "@/lib/errors/refused-error";
import { recordRolloutStart } from "./record-rollout-start";
import type { RolloutDeps } from "./rollout-deps";
import { endpointBusyMessage, rolloutPlanInput, validateRolloutPlan } from "./rollout-plan-checks";

export const startRolloutInput = rolloutPlanInput;

/** An MLLead starts a rollout of an approved version: step one (shadow) is applied through the outbox. */
export async function startRollout(ctx: RequestContext, rawInput: unknown, deps: RolloutDeps) {
  requirePermission(ctx, "rollouts:operate");
  const parsed = startRolloutInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;

  const replay = await deps.prisma.rolloutAction.findUnique({ where: { idempotencyKey: input.idempotencyKey }, include: { rollout: true } });
  if (replay) {
    if (replay.actorId !== ctx.user.id || replay.action !== "start") throw new RefusedError("idempotency_conflict", "This idempotency key was already used; reload the page and start again.");
    return { rollout: replay.rollout, replayed: true };
  }

  const { request, template, endpoint, firstStep, desired } = await validateRolloutPlan(deps, input);
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
          plan: template.plan as unknown as Prisma.InputJsonValue,
          autoMode: input.autoMode,
          status: "running",
          revision: 1,
          currentStep: 0,
          stepStartedAt: now,
          desiredTraffic: desired as unknown as Prisma.InputJsonValue,
          appliedTraffic: { traffic: endpoint.traffic, mirrorTraffic: endpoint.mirrorTraffic },
          createdById: ctx.user.id,
          createdByName: ctx.user.name,
          startedAt: now,
          startedByName: ctx.user.name,
        },
      });
      await recordRolloutStart(tx, rollout, { actor: { id: ctx.user.id, name: ctx.user.name }, firstStep, desired, idempotencyKey: input.idempotencyKey, requestId: deps.requestId });
      return { rollout, replayed: false };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      if (JSON.stringify(error.meta ?? {}).includes("idempotency")) return startRollout(ctx, rawInput, deps);
      throw new RefusedError("duplicate_request", endpointBusyMessage(input.endpoint));
    }
    throw error;
  }
}
