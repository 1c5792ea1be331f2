import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { sameTraffic } from "@/lib/domain/rollout-plan";
import { RefusedError } from "@/lib/errors/refused-error";
import { UpstreamError } from "@/lib/sources/upstream-error";
import type { LiveEndpoint, RolloutDeps, StepEvaluation } from "./rollout-deps";
import { toActionView, toRolloutView } from "./rollout-view";

async function settle<T>(read: () => Promise<T>): Promise<{ value: T; problem: null } | { value: null; problem: string }> {
  try {
    return { value: await read(), problem: null };
  } catch (error) {
    if (error instanceof UpstreamError) return { value: null, problem: error.message };
    throw error;
  }
}

/** A rollout's step view: plan, gates with numbers, the endpoint's live split (and drift), history. */
export async function readRollout(ctx: RequestContext, input: { id: string }, deps: RolloutDeps) {
  requirePermission(ctx, "rollouts:read");
  const id = z.uuid().safeParse(input.id);
  if (!id.success) throw new RefusedError("not_found", "There is no such rollout.");
  const rollout = await deps.prisma.rollout.findUnique({ where: { id: id.data }, include: { actions: { orderBy: { revision: "asc" } } } });
  if (!rollout) throw new RefusedError("not_found", "There is no such rollout.");
  const view = toRolloutView(rollout);
  const active = rollout.status === "running" || rollout.status === "paused";
  const [live, evaluation] = await Promise.all([
    settle<LiveEndpoint>(() => deps.readEndpoint(rollout.endpoint)),
    active ? settle<StepEvaluation>(() => deps.evaluateStep(rollout)) : Promise.resolve({ value: null, problem: null }),
  ]);
  // Drift: the endpoint's traffic is not what Stagegate last applied (changed in the portal).
  const drift =
    active && live.value && view.applied && !view.applyPending && !sameTraffic({ traffic: live.value.traffic, mirrorTraffic: live.value.mirrorTraffic }, view.applied)
      ? { live: { traffic: live.value.traffic, mirrorTraffic: live.value.mirrorTraffic }, applied: view.applied }
      : null;
  return {
    rollout: view,
    actions: rollout.actions.map(toActionView),
    live: live.value,
    liveProblem: live.problem,
    evaluation: evaluation.value,
    evaluationProblem: evaluation.problem,
    drift,
    viewer: { canOperate: ctx.permissions.has("rollouts:operate"), canRollback: ctx.permissions.has("rollouts:rollback"), canOverride: ctx.permissions.has("gates:override") },
  };
}

/** What changes in the background (ARM applying, auto mode acting), for the step view to poll. */
export async function readRolloutStatus(ctx: RequestContext, input: { id: string }, deps: Pick<RolloutDeps, "prisma">) {
  requirePermission(ctx, "rollouts:read");
  const id = z.uuid().safeParse(input.id);
  if (!id.success) throw new RefusedError("not_found", "There is no such rollout.");
  const rollout = await deps.prisma.rollout.findUnique({ where: { id: id.data } });
  if (!rollout) throw new RefusedError("not_found", "There is no such rollout.");
  const view = toRolloutView(rollout);
  return { status: view.status, revision: view.revision, currentStep: view.currentStep, applyPending: view.applyPending, applyError: view.applyError, desired: view.desired, applied: view.applied, checkedAt: new Date().toISOString() };
}
