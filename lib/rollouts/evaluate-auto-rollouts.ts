import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Rollout } from "@/lib/db/generated/client";
import { writeTransaction } from "@/lib/db/write-transaction";
import { templateContentSchema } from "@/lib/domain/rollout-plan";
import { isRefused } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";
import { commitRolloutAction } from "./commit-rollout-action";
import { evaluateRolloutStep, type StepEvaluation } from "./evaluate-step";
import { ROLLOUT_SYSTEM_ACTOR, rolloutSubject } from "./rollout-records";
import { kpiJudgedSoFar } from "./kpi-evidence";
import { driftBlocksAdvance, readTrafficDrift } from "./traffic-drift";

/** What the automatic pass reads and writes: the database, ARM (drift), Log Analytics (gates), the clock. */
export type AutoRolloutServices = Pick<Services, "db" | "azureMl" | "logAnalytics" | "now" | "requestId">;

export interface AutoDecision {
  rolloutId: string;
  outcome: "advanced" | "rolled back" | "paused" | "waiting";
  why: string;
}

/**
 * The leader's pass over rollouts in auto mode. It fails closed: a decisive gate failure rolls back
 * at once; the next step is applied only when the step has baked and every gate passes on current
 * numbers (never on an unknown verdict), with no SLO freeze; after the template's number of
 * evaluations in a row that could not be made, the rollout is paused for a person to look.
 */
export async function evaluateAutoRollouts(services: AutoRolloutServices): Promise<AutoDecision[]> {
  const rollouts = await services.db.rollout.findMany({ where: { status: "running", autoMode: true } });
  const decisions: AutoDecision[] = [];
  for (const rollout of rollouts) {
    try {
      decisions.push(await decide(services, rollout));
    } catch (error) {
      // A person acted on the rollout meanwhile (its revision moved): their action stands.
      if (!isRefused(error)) throw error;
      decisions.push({ rolloutId: rollout.id, outcome: "waiting", why: error.message });
    }
  }
  return decisions;
}

async function decide(services: AutoRolloutServices, rollout: Rollout): Promise<AutoDecision> {
  if (rollout.appliedRevision !== rollout.revision) return { rolloutId: rollout.id, outcome: "waiting", why: "the step is still being applied" };
  const plan = templateContentSchema.parse(rollout.plan);
  let evaluation: StepEvaluation;
  try {
    evaluation = await evaluateRolloutStep(services, rollout);
  } catch (error) {
    // Whatever kept the gates from being evaluated (Log Analytics not answering with nothing read
    // before, not configured, a query refused) counts; it is never read as "all is well".
    return countEvaluationError(services, rollout, plan.maxConsecutiveEvaluationErrors, error instanceof Error ? error.message : String(error));
  }
  const { judgement, window } = evaluation;
  // Unknown because a read failed (not merely because numbers are being refreshed): an error too.
  if (judgement.verdict === "unknown" && evaluation.readProblems.length > 0) {
    return countEvaluationError(services, rollout, plan.maxConsecutiveEvaluationErrors, judgement.unknownBecause.join(" "));
  }
  if (rollout.consecutiveEvaluationErrors > 0) {
    await services.db.rollout.updateMany({ where: { id: rollout.id, revision: rollout.revision }, data: { consecutiveEvaluationErrors: 0 } });
  }
  const act = (action: "rollback" | "advance", reason: string, auditDetails?: Record<string, boolean>) =>
    commitRolloutAction(services, rollout.id, ROLLOUT_SYSTEM_ACTOR, {
      action,
      expectedRevision: rollout.revision,
      reason,
      idempotencyKey: `auto:${rollout.id}:${rollout.revision}:${action}`,
      judgement: { ...judgement, window },
      auditDetails,
    });
  if (judgement.verdict === "fail") {
    const failing = judgement.gates.filter((gate) => gate.status === "fail").map((gate) => gate.explanation).join(" ");
    await act("rollback", `Gate failed: ${failing}`);
    return { rolloutId: rollout.id, outcome: "rolled back", why: failing };
  }
  const waiting = (why: string): AutoDecision => ({ rolloutId: rollout.id, outcome: "waiting", why });
  // Numbers that are merely being refreshed (no read failed): the next pass judges current ones.
  if (judgement.verdict === "unknown") return waiting(`the verdict is unknown: ${judgement.unknownBecause.join(" ") || "a gate could not be judged on current numbers."}`);
  if (judgement.frozen) return waiting(judgement.freezeReason!);
  if (services.now().getTime() - rollout.stepStartedAt.getTime() < plan.bakeSeconds * 1000) return waiting("baking");
  // A gate the template does not require (the KPI without labels, by default) may still lack data.
  if (judgement.verdict !== "pass") return waiting("not enough data yet");
  const drift = await readTrafficDrift(services, rollout);
  if (drift) return waiting(driftBlocksAdvance(rollout, drift));
  const completes = rollout.currentStep >= plan.steps.length - 1;
  if (!completes) {
    await act("advance", "Every required gate passed after the bake time.");
    return { rolloutId: rollout.id, outcome: "advanced", why: "every required gate passed after the bake time" };
  }
  const kpiJudged = await kpiJudgedSoFar(services.db, rollout.id, judgement);
  if (!kpiJudged && plan.confirmCompletionWithoutKpi) {
    await askToConfirmCompletion(services, rollout);
    return waiting(CONFIRMATION_WANTED);
  }
  await act("advance", "Every required gate passed after the bake time.", { kpiJudgedInAnyStep: kpiJudged });
  return { rolloutId: rollout.id, outcome: "advanced", why: "every required gate passed after the bake time; the rollout is complete" };
}

export const CONFIRMATION_WANTED =
  "every required gate passed at 100 %, but the KPI gate had insufficient data in every step: an ML lead must confirm completing the rollout (the template asks for it)";

/** Auto mode stops short of completing: recorded once on the rollout, with its audit event, for a lead to see and confirm. */
async function askToConfirmCompletion(services: AutoRolloutServices, rollout: Rollout): Promise<void> {
  if (rollout.completionConfirmationRequestedAt) return;
  await writeTransaction(services.db, async (tx) => {
    const asked = await tx.rollout.updateMany({
      where: { id: rollout.id, revision: rollout.revision, completionConfirmationRequestedAt: null },
      data: { completionConfirmationRequestedAt: services.now() },
    });
    // Another pass (or a person) got there first.
    if (asked.count === 0) return;
    await appendAuditEvent(tx, {
      actorId: ROLLOUT_SYSTEM_ACTOR.id,
      actorName: ROLLOUT_SYSTEM_ACTOR.name,
      action: "rollout.completion_confirmation_requested",
      ...rolloutSubject(rollout),
      requestId: services.requestId,
      data: { rolloutId: rollout.id, endpoint: rollout.endpoint, revision: rollout.revision, step: rollout.currentStep, reason: `Auto mode did not complete the rollout: ${CONFIRMATION_WANTED}.` },
    });
  });
}

/**
 * One more evaluation in a row that could not be made. At the template's limit the rollout is
 * paused (auto mode stays on for when a lead resumes it), its audit event saying why.
 */
async function countEvaluationError(services: AutoRolloutServices, rollout: Rollout, limit: number, problem: string): Promise<AutoDecision> {
  // Counted only against the revision evaluated: after a person's action the count starts again.
  const counted = await services.db.rollout.updateMany({ where: { id: rollout.id, revision: rollout.revision }, data: { consecutiveEvaluationErrors: { increment: 1 } } });
  if (counted.count === 0) return { rolloutId: rollout.id, outcome: "waiting", why: "the rollout changed while its gates were evaluated" };
  const errors = rollout.consecutiveEvaluationErrors + 1;
  if (errors < limit) return { rolloutId: rollout.id, outcome: "waiting", why: `the gates could not be evaluated (${errors} of ${limit} in a row): ${problem}` };
  const reason = `Auto mode paused the rollout: the gates could not be evaluated ${errors} times in a row (the template's limit is ${limit}). The last error: ${problem}`;
  await commitRolloutAction(services, rollout.id, ROLLOUT_SYSTEM_ACTOR, {
    action: "pause",
    expectedRevision: rollout.revision,
    reason,
    idempotencyKey: `auto:${rollout.id}:${rollout.revision}:pause`,
    judgement: null,
    auditDetails: { consecutiveEvaluationErrors: errors, lastError: problem },
  });
  return { rolloutId: rollout.id, outcome: "paused", why: reason };
}
