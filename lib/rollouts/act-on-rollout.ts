import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { StepJudgement } from "@/lib/domain/canary-judge";
import { templateContentSchema } from "@/lib/domain/rollout-plan";
import { invalidInput, RefusedError } from "@/lib/errors/refused-error";
import { settleUpstream } from "@/lib/errors/upstream-problem";
import { idempotencyKeySchema } from "@/lib/http/idempotency-key";
import type { Services } from "@/lib/services/services";
import { commitRolloutAction, ROLLOUT_ACTIONS } from "./commit-rollout-action";
import { evaluateRolloutStep } from "./evaluate-step";
import { kpiJudgedSoFar } from "./kpi-evidence";
import { readLiveEndpoint } from "./live-endpoint";
import { findRollout } from "./rollout-records";
import { replayedRolloutWrite, type RolloutWrite } from "./rollout-write";
import { driftBlocksAdvance, readTrafficDrift } from "./traffic-drift";

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

/** Why the gates do not let a step advance; empty when they do. */
function blockersOf({ frozen, freezeReason, unknownBecause, gates }: StepJudgement): string[] {
  return [
    ...(frozen ? [freezeReason!] : []),
    // Unknown is never passing: numbers older than their refresh interval, unreadable, or an unknown budget.
    ...(unknownBecause.length > 0 ? [`The verdict is unknown: ${unknownBecause.join(" ")}`] : []),
    // A gate without data that the template does not require (the KPI, by default) does not block;
    // an unknown gate always does (its reason is said once above when there is one).
    ...gates
      .filter((gate) => gate.status === "fail" || (gate.status !== "pass" && gate.blocking))
      .filter((gate) => gate.status !== "unknown" || unknownBecause.length === 0)
      .map((gate) => `${gate.gate} ${gate.status}: ${gate.explanation}`),
  ];
}

/**
 * An MLLead acts on a rollout; advancing needs passing gates on current numbers (and no SLO freeze)
 * or a written override: an unknown verdict is not passing. Advancing at the last step completes
 * the rollout; when auto mode asked for it, that is the lead's confirmation.
 */
export async function actOnRollout(ctx: RequestContext, rawInput: unknown, services: Pick<Services, "db" | "azureMl" | "logAnalytics" | "now" | "requestId">): Promise<RolloutWrite> {
  const parsed = rolloutActionInput.safeParse(rawInput);
  // Rollback is open to leads at any time; the permission is checked before anything else.
  const action = parsed.success ? parsed.data.action : undefined;
  requirePermission(ctx, action === "rollback" ? "rollouts:rollback" : "rollouts:operate");
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;

  const replayed = await replayedRolloutWrite(services.db, { idempotencyKey: input.idempotencyKey, actorId: ctx.user.id, rolloutId: input.rolloutId });
  if (replayed) return replayed;
  const rollout = await findRollout(services.db, input.rolloutId);

  let judgement: unknown = null;
  let liveTraffic;
  let auditDetails: Record<string, boolean> | undefined;
  if (input.action === "advance" && rollout.status === "running" && rollout.appliedRevision === rollout.revision) {
    // Advancing would silently overwrite a change made in the portal: settle that first.
    const drift = await readTrafficDrift(services, rollout);
    if (drift) throw new RefusedError("traffic_drift", driftBlocksAdvance(rollout, drift));
    // Gates that cannot be evaluated at all (Log Analytics not answering, nothing read before) are
    // unknown too: a lead may still advance, with a written override, as on a failed gate.
    const evaluated = await settleUpstream(() => evaluateRolloutStep(services, rollout));
    const evaluation = evaluated.value;
    judgement = evaluation ? { ...evaluation.judgement, window: evaluation.window } : null;
    const blockers = evaluation ? blockersOf(evaluation.judgement) : [`The gates could not be evaluated: ${evaluated.problem!.message}`];
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
    // Completing: the audit records whether the KPI was ever judged (labels arrive days late).
    if (rollout.currentStep >= templateContentSchema.parse(rollout.plan).steps.length - 1) {
      auditDetails = { kpiJudgedInAnyStep: await kpiJudgedSoFar(services.db, rollout.id, evaluation?.judgement ?? { gates: [] }) };
    }
  }
  if (input.action === "adopt") {
    const live = await readLiveEndpoint(services, rollout.endpoint);
    liveTraffic = { traffic: live.traffic, mirrorTraffic: live.mirrorTraffic };
  }
  const updated = await commitRolloutAction(services, rollout.id, { id: ctx.user.id, name: ctx.user.name }, {
    action: input.action,
    expectedRevision: input.expectedRevision,
    reason: input.reason,
    idempotencyKey: input.idempotencyKey,
    judgement,
    liveTraffic,
    auditDetails,
  });
  return { rollout: updated, replayed: false };
}
