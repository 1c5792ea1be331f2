import "server-only";
import type { Rollout } from "@/lib/db/generated/client";
import { templateContentSchema } from "@/lib/domain/rollout-plan";
import { RefusedError } from "@/lib/errors/refused-error";
import { UpstreamError } from "@/lib/sources/upstream-error";
import { commitRolloutAction } from "./commit-rollout-action";
import { ROLLOUT_SYSTEM_ACTOR, type RolloutDeps } from "./rollout-deps";
import { driftBlocksAdvance, readTrafficDrift } from "./traffic-drift";

export interface AutoDecision {
  rolloutId: string;
  outcome: "advanced" | "rolled back" | "waiting";
  why: string;
}

/**
 * The leader's pass over rollouts in auto mode: a decisive gate failure rolls back at once; when
 * the step has baked and every gate passes (and no SLO freeze), the next step is applied.
 */
export async function evaluateAutoRollouts(deps: RolloutDeps): Promise<AutoDecision[]> {
  const rollouts = await deps.prisma.rollout.findMany({ where: { status: "running", autoMode: true } });
  const decisions: AutoDecision[] = [];
  for (const rollout of rollouts) {
    try {
      decisions.push(await decide(deps, rollout));
    } catch (error) {
      // A person acted on the rollout meanwhile (its revision moved): their action stands. An
      // upstream outage leaves the rollout as it is until the next pass.
      if (!(error instanceof RefusedError) && !(error instanceof UpstreamError)) throw error;
      decisions.push({ rolloutId: rollout.id, outcome: "waiting", why: error.message });
    }
  }
  return decisions;
}

async function decide(deps: RolloutDeps, rollout: Rollout): Promise<AutoDecision> {
  if (rollout.appliedRevision !== rollout.revision) return { rolloutId: rollout.id, outcome: "waiting", why: "the step is still being applied" };
  const plan = templateContentSchema.parse(rollout.plan);
  const { judgement, window } = await deps.evaluateStep(rollout);
  const baked = deps.now().getTime() - rollout.stepStartedAt.getTime() >= plan.bakeSeconds * 1000;
  const act = (action: "rollback" | "advance", reason: string) =>
    commitRolloutAction(deps, rollout.id, ROLLOUT_SYSTEM_ACTOR, {
      action,
      expectedRevision: rollout.revision,
      reason,
      idempotencyKey: `auto:${rollout.id}:${rollout.revision}:${action}`,
      judgement: { ...judgement, window },
    });
  if (judgement.verdict === "fail") {
    const failing = judgement.gates.filter((gate) => gate.status === "fail").map((gate) => gate.explanation).join(" ");
    await act("rollback", `Gate failed: ${failing}`);
    return { rolloutId: rollout.id, outcome: "rolled back", why: failing };
  }
  if (baked && judgement.verdict === "pass" && !judgement.frozen) {
    const drift = await readTrafficDrift(deps, rollout);
    if (drift) return { rolloutId: rollout.id, outcome: "waiting", why: driftBlocksAdvance(rollout, drift) };
    // A gate the template does not require (the KPI without labels, by default) may still lack data.
    await act("advance", "Every required gate passed after the bake time.");
    return { rolloutId: rollout.id, outcome: "advanced", why: "every required gate passed after the bake time" };
  }
  return { rolloutId: rollout.id, outcome: "waiting", why: judgement.frozen ? judgement.freezeReason! : !baked ? "baking" : "not enough data yet" };
}
