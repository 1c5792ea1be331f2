import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { Prisma } from "@/lib/db/generated/client";
import { invalidInput, RefusedError } from "@/lib/errors/refused-error";
import { recordRolloutStart } from "./record-rollout-start";
import type { RolloutDeps } from "./rollout-deps";
import { endpointBusyMessage, newRolloutFields, rolloutPlanInput, validateRolloutPlan } from "./rollout-plan-checks";
import { replayedRolloutAction } from "./replayed-action";

export const startRolloutInput = rolloutPlanInput;

/** An MLLead starts a rollout of an approved version: step one (shadow) is applied through the outbox. */
export async function startRollout(ctx: RequestContext, rawInput: unknown, deps: RolloutDeps) {
  requirePermission(ctx, "rollouts:operate");
  const parsed = startRolloutInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;

  const replayed = await replayedRolloutAction(deps.prisma, input.idempotencyKey, { actorId: ctx.user.id, actions: ["start"] });
  if (replayed) return { rollout: replayed, replayed: true };

  const plan = await validateRolloutPlan(deps, input);
  const { endpoint, firstStep, desired } = plan;
  const now = deps.now();
  try {
    return await deps.prisma.$transaction(async (tx) => {
      const rollout = await tx.rollout.create({
        data: {
          ...newRolloutFields(ctx.user, input, plan, now),
          status: "running",
          revision: 1,
          appliedTraffic: { traffic: endpoint.traffic, mirrorTraffic: endpoint.mirrorTraffic },
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
