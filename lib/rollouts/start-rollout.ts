import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { invalidInput, RefusedError } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";
import { recordRolloutStart } from "./record-rollout-start";
import { endpointBusyMessage, newRolloutFields, rolloutPlanInput, validateRolloutPlan } from "./rollout-plan-checks";
import { replayedRolloutWrite, writeRollout, type RolloutWrite } from "./rollout-write";

export const startRolloutInput = rolloutPlanInput;

/** An MLLead starts a rollout of an approved version: step one (shadow) is applied through the outbox. */
export async function startRollout(ctx: RequestContext, rawInput: unknown, services: Pick<Services, "db" | "azureMl" | "now" | "requestId">): Promise<RolloutWrite> {
  requirePermission(ctx, "rollouts:operate");
  const parsed = startRolloutInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;

  const scope = { idempotencyKey: input.idempotencyKey, actorId: ctx.user.id, actions: ["start"] };
  const replayed = await replayedRolloutWrite(services.db, scope);
  if (replayed) return replayed;

  const plan = await validateRolloutPlan(services, input);
  const { endpoint, firstStep, desired } = plan;
  const now = services.now();
  return writeRollout(
    services.db,
    scope,
    async (tx) => {
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
      await recordRolloutStart(tx, rollout, { actor: { id: ctx.user.id, name: ctx.user.name }, firstStep, desired, idempotencyKey: input.idempotencyKey, requestId: services.requestId });
      return rollout;
    },
    // The one-rollout-in-progress-per-endpoint index: another start came first.
    () => {
      throw new RefusedError("duplicate_request", endpointBusyMessage(input.endpoint));
    },
  );
}
