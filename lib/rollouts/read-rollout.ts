import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { Rollout } from "@/lib/db/generated/client";
import type { TrafficSplit } from "@/lib/domain/rollout-plan";
import { settleUpstream } from "@/lib/errors/upstream-problem";
import type { Services } from "@/lib/services/services";
import { mayDiscardDraft } from "./discard-drafted-rollout";
import { evaluateRolloutStep, type StepEvaluation } from "./evaluate-step";
import { readLiveEndpoint } from "./live-endpoint";
import { findRollout } from "./rollout-records";
import { isPlanOnly, toActionView, toRolloutView, type RolloutActionView, type RolloutView } from "./rollout-view";
import { kpiJudgedInAnyStep, stepSummaries, type StepSummary } from "./step-history";
import type { TelemetryServices } from "./telemetry/read-deployment-stats";
import { driftOf } from "./traffic-drift";

/** What the step view polls: the rollout's state, whether its newest plan reached the endpoint, and its gates. */
export interface RolloutStatus {
  status: RolloutView["status"];
  revision: number;
  currentStep: number;
  applyPending: boolean;
  applyError: string | null;
  /** The current step's gates (cached per refresh interval); null when the rollout is over or Log Analytics failed. */
  evaluation: StepEvaluation | null;
  /** Why the gates could not be evaluated (Log Analytics not answering or not configured). */
  evaluationProblem: string | null;
  /** Auto mode stopped short of completing 100 % and waits for a lead to confirm (the KPI had no data in any step). */
  awaitingCompletionConfirmation: boolean;
  checkedAt: string;
}

/** The endpoint's live traffic when it is not what Stagegate last applied for this rollout. */
export interface RolloutDrift {
  live: TrafficSplit;
  applied: TrafficSplit;
  /** The rollout had ended (the endpoint changed after it, not during it). */
  afterEnd: boolean;
  /** A rollout started on the endpoint after this one ended, which may explain the change. */
  laterRollout: { id: string; model: string; version: string; status: RolloutView["status"] } | null;
}

const isActive = (rollout: Rollout) => rollout.status === "running" || rollout.status === "paused";

async function readStatus(services: TelemetryServices, rollout: Rollout, view: RolloutView): Promise<RolloutStatus> {
  const evaluation = isActive(rollout) ? await settleUpstream(() => evaluateRolloutStep(services, rollout)) : { value: null, problem: null };
  return {
    status: view.status,
    revision: view.revision,
    currentStep: view.currentStep,
    applyPending: view.applyPending,
    applyError: view.applyError,
    evaluation: evaluation.value,
    evaluationProblem: evaluation.problem?.message ?? null,
    // Turning auto mode off takes the question back: the lead then completes as any manual rollout.
    awaitingCompletionConfirmation: rollout.status === "running" && rollout.autoMode && rollout.completionConfirmationRequestedAt !== null,
    checkedAt: services.now().toISOString(),
  };
}

/**
 * A rollout's step view: plan, gates with numbers, the endpoint's live split and its drift from what
 * Stagegate applied (while running, and after the rollout ended), each step's summary, the history.
 */
export async function readRollout(ctx: RequestContext, input: { id: string }, services: Pick<Services, "db" | "azureMl" | "logAnalytics" | "now">) {
  requirePermission(ctx, "rollouts:read");
  const rollout = await findRollout(services.db, input.id);
  const view = toRolloutView(rollout);
  const [actionRows, live, status, busy, later] = await Promise.all([
    services.db.rolloutAction.findMany({ where: { rolloutId: rollout.id }, orderBy: { revision: "asc" } }),
    settleUpstream(() => readLiveEndpoint(services, rollout.endpoint)),
    readStatus(services, rollout, view),
    // A draft cannot start while another rollout holds the endpoint; the page says so up front.
    rollout.status === "draft" ? services.db.rollout.findFirst({ where: { endpoint: rollout.endpoint, status: { in: ["running", "paused"] } } }) : null,
    // After the end, another rollout on the endpoint may be what changed its traffic.
    rollout.endedAt
      ? services.db.rollout.findFirst({ where: { endpoint: rollout.endpoint, startedAt: { gt: rollout.endedAt }, status: { notIn: ["draft", "discarded"] } }, orderBy: { startedAt: "desc" } })
      : null,
  ]);
  const actions = actionRows.map(toActionView);
  const liveSplit = live.value ? driftOf(rollout, live.value) : null;
  const drift: RolloutDrift | null =
    liveSplit && view.applied
      ? {
          live: liveSplit,
          applied: view.applied,
          afterEnd: !isActive(rollout),
          laterRollout: later ? { id: later.id, model: later.modelName, version: later.modelVersion, status: later.status } : null,
        }
      : null;
  return {
    rollout: view,
    actions,
    steps: isPlanOnly(rollout.status) ? [] : stepSummaries(actions),
    kpiJudgedInAnyStep: kpiJudgedInAnyStep(actions.map((action) => action.gates)),
    live: live.value,
    liveProblem: live.problem?.message ?? null,
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

export type RolloutPage = Awaited<ReturnType<typeof readRollout>>;
export type RolloutStepSummary = StepSummary<RolloutActionView>;

/** What changes in the background (ARM applying, auto mode acting, telemetry arriving), for the step view to poll. */
export async function readRolloutStatus(ctx: RequestContext, input: { id: string }, services: Pick<Services, "db" | "logAnalytics" | "now">): Promise<RolloutStatus> {
  requirePermission(ctx, "rollouts:read");
  const rollout = await findRollout(services.db, input.id);
  return readStatus(services, rollout, toRolloutView(rollout));
}
