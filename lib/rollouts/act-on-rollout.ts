import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { invalidInput, RefusedError } from "@/lib/errors/refused-error";
import { idempotencyKeySchema } from "@/lib/http/idempotency-key";
import { commitRolloutAction, ROLLOUT_ACTIONS } from "./commit-rollout-action";
import type { RolloutDeps } from "./rollout-deps";
import { driftBlocksAdvance, readTrafficDrift } from "./traffic-drift";
import { replayedRolloutAction } from "./replayed-action";

export const rolloutActionInput = z.object({
  rolloutId: z.uuid("is not a rollout id"),
  action: z.enum(ROLLOUT_ACTIONS),
  expectedRevision: z.coerce.number().int().min(0),
  reason: z
    .string()
    .trim()
    .max(4000)
    .optional()
    .transform((value) => value || null),
  idempotencyKey: idempotencyKeySchema,
});

const OVERRIDE_MIN = 20;

/** An MLLead acts on a rollout; advancing needs passing gates (and no SLO freeze) or a written override. */
export async function actOnRollout(ctx: RequestContext, rawInput: unknown, deps: RolloutDeps) {
  const parsed = rolloutActionInput.safeParse(rawInput);
  // Rollback is open to leads at any time; the permission is checked before anything else.
  const action = parsed.success ? parsed.data.action : undefined;
  requirePermission(ctx, action === "rollback" ? "rollouts:rollback" : "rollouts:operate");
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;

  const replayed = await replayedRolloutAction(deps.prisma, input.idempotencyKey, { actorId: ctx.user.id, rolloutId: input.rolloutId });
  if (replayed) return { rollout: replayed, replayed: true };
  const rollout = await deps.prisma.rollout.findUnique({ where: { id: input.rolloutId } });
  if (!rollout) throw new RefusedError("not_found", "There is no such rollout.");

  let judgement: unknown = null;
  let liveTraffic;
  if (input.action === "advance" && rollout.status === "running" && rollout.appliedRevision === rollout.revision) {
    // Advancing would silently overwrite a change made in the portal: settle that first.
    const drift = await readTrafficDrift(deps, rollout);
    if (drift) throw new RefusedError("traffic_drift", driftBlocksAdvance(rollout, drift));
    const evaluation = await deps.evaluateStep(rollout);
    judgement = { ...evaluation.judgement, window: evaluation.window };
    const blockers = [
      ...(evaluation.judgement.frozen ? [evaluation.judgement.freezeReason!] : []),
      // A gate without data that the template does not require (the KPI, by default) does not block.
      ...evaluation.judgement.gates.filter((gate) => gate.status === "fail" || (gate.status !== "pass" && gate.blocking)).map((gate) => `${gate.gate} ${gate.status}: ${gate.explanation}`),
    ];
    if (blockers.length > 0) {
      if (!input.reason || input.reason.length < OVERRIDE_MIN) {
        throw new RefusedError(
          "policy_failed",
          `The step's gates do not allow advancing: ${blockers.join(" ")} Advance only with a written override reason (at least ${OVERRIDE_MIN} characters), or roll back.`,
          { reason: "required to override the gates" },
        );
      }
      requirePermission(ctx, "gates:override");
    }
  }
  if (input.action === "adopt") {
    const live = await deps.readEndpoint(rollout.endpoint);
    liveTraffic = { traffic: live.traffic, mirrorTraffic: live.mirrorTraffic };
  }
  const updated = await commitRolloutAction(deps, rollout.id, { id: ctx.user.id, name: ctx.user.name }, {
    action: input.action,
    expectedRevision: input.expectedRevision,
    reason: input.reason,
    idempotencyKey: input.idempotencyKey,
    judgement,
    liveTraffic,
  });
  return { rollout: updated, replayed: false };
}
