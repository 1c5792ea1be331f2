import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { trafficDrift } from "@/lib/domain/rollout-plan";
import { RefusedError } from "@/lib/errors/refused-error";
import { settleUpstream } from "@/lib/sources/upstream-error";
import type { Rollout } from "@/lib/db/generated/client";
import type { LiveEndpoint, RolloutDeps, StepEvaluation } from "./rollout-deps";
import { mayDiscardDraft } from "./discard-drafted-rollout";
import { toActionView, toRolloutView, type RolloutView } from "./rollout-view";

/** What the step view polls: the rollout's state, whether its newest plan reached the endpoint, and its gates. */
export interface RolloutStatus {
  status: RolloutView["status"];
  revision: number;
  currentStep: number;
  applyPending: boolean;
  applyError: string | null;
  /** The current step's gates (cached per refresh interval); null when the rollout is over or Log Analytics failed. */
  evaluation: StepEvaluation | null;
  evaluationProblem: string | null;
  checkedAt: string;
}

async function findRollout(deps: Pick<RolloutDeps, "prisma">, rawId: string) {
  const id = z.uuid().safeParse(rawId);
  if (!id.success) throw new RefusedError("not_found", "There is no such rollout.");
  const rollout = await deps.prisma.rollout.findUnique({ where: { id: id.data } });
  if (!rollout) throw new RefusedError("not_found", "There is no such rollout.");
  return rollout;
}

const isActive = (rollout: Rollout) => rollout.status === "running" || rollout.status === "paused";

async function readStatus(rollout: Rollout, view: RolloutView, deps: Pick<RolloutDeps, "evaluateStep" | "now">): Promise<RolloutStatus> {
  const evaluation = isActive(rollout) ? await settleUpstream<StepEvaluation>(() => deps.evaluateStep(rollout)) : { value: null, problem: null };
  return {
    status: view.status,
    revision: view.revision,
    currentStep: view.currentStep,
    applyPending: view.applyPending,
    applyError: view.applyError,
    evaluation: evaluation.value,
    evaluationProblem: evaluation.problem,
    checkedAt: deps.now().toISOString(),
  };
}

/** A rollout's step view: plan, gates with numbers, the endpoint's live split (and drift), history. */
export async function readRollout(ctx: RequestContext, input: { id: string }, deps: RolloutDeps) {
  requirePermission(ctx, "rollouts:read");
  const rollout = await findRollout(deps, input.id);
  const view = toRolloutView(rollout);
  const active = isActive(rollout);
  const [actions, live, status, busy] = await Promise.all([
    deps.prisma.rolloutAction.findMany({ where: { rolloutId: rollout.id }, orderBy: { revision: "asc" } }),
    settleUpstream<LiveEndpoint>(() => deps.readEndpoint(rollout.endpoint)),
    readStatus(rollout, view, deps),
    // A draft cannot start while another rollout holds the endpoint; the page says so up front.
    rollout.status === "draft" ? deps.prisma.rollout.findFirst({ where: { endpoint: rollout.endpoint, status: { in: ["running", "paused"] } } }) : null,
  ]);
  // Drift: the endpoint's traffic is not what Stagegate last applied (changed in the portal).
  const liveSplit = active && live.value ? trafficDrift(view.applied, view.applyPending, live.value) : null;
  const drift = liveSplit && view.applied ? { live: liveSplit, applied: view.applied } : null;
  return {
    rollout: view,
    actions: actions.map(toActionView),
    live: live.value,
    liveProblem: live.problem,
    status,
    drift,
    endpointBusyWith: busy ? { id: busy.id, model: busy.modelName, version: busy.modelVersion, status: busy.status } : null,
    viewer: {
      canOperate: ctx.permissions.has("rollouts:operate"),
      canRollback: ctx.permissions.has("rollouts:rollback"),
      canOverride: ctx.permissions.has("gates:override"),
      canDiscardDraft: rollout.status === "draft" && mayDiscardDraft(ctx, rollout),
    },
  };
}

/** What changes in the background (ARM applying, auto mode acting, telemetry arriving), for the step view to poll. */
export async function readRolloutStatus(ctx: RequestContext, input: { id: string }, deps: Pick<RolloutDeps, "prisma" | "evaluateStep" | "now">): Promise<RolloutStatus> {
  requirePermission(ctx, "rollouts:read");
  const rollout = await findRollout(deps, input.id);
  return readStatus(rollout, toRolloutView(rollout), deps);
}
