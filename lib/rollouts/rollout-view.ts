import "server-only";
import { z } from "zod";
import type { Rollout, RolloutAction } from "@/lib/db/generated/client";
import type { GateResult, StepJudgement } from "@/lib/domain/canary-judge";
import { describeStep, templateContentSchema, type TrafficSplit } from "@/lib/domain/rollout-plan";
import { asSplit } from "./rollout-records";
import type { RecordedAction } from "./step-history";

export interface RolloutView {
  id: string;
  model: string;
  version: string;
  endpoint: string;
  baseline: string;
  candidate: string;
  template: string;
  status: Rollout["status"];
  autoMode: boolean;
  revision: number;
  currentStep: number;
  steps: { index: number; label: string; state: "done" | "current" | "next" }[];
  bakeSeconds: number;
  stepStartedAt: string;
  desired: TrafficSplit;
  applied: TrafficSplit | null;
  /** The newest plan reached the endpoint. */
  applyPending: boolean;
  applyError: string | null;
  previousChampion: string | null;
  championAppliedAt: string | null;
  /** Who created the row: the drafter of a drafted rollout. */
  createdBy: string;
  createdAt: string;
  /** Who started it and when; null while a draft (or discarded). */
  startedBy: string | null;
  startedAt: string | null;
  endedAt: string | null;
  promotionRequestId: string;
  /** Auto mode's gate evaluations in a row that could not be made (it pauses the rollout at the template's limit). */
  consecutiveEvaluationErrors: number;
  maxConsecutiveEvaluationErrors: number;
  /** When auto mode stopped short of completing to ask a lead to confirm (the KPI had no data in any step). */
  completionConfirmationRequestedAt: string | null;
}

export interface RolloutActionView extends RecordedAction {
  /** The gates as judged when the action was taken (advances, automatic actions), kept after the rollout ends. */
  gates: (StepJudgement & { window: { from: string; to: string } | null }) | null;
}

const gateStatusSchema = z.enum(["pass", "fail", "insufficient-data", "unknown"]);

const gateResultSchema = z.object({
  gate: z.enum(["sample", "latency", "errors", "kpi"]),
  status: gateStatusSchema,
  candidate: z.number().nullable(),
  baseline: z.number().nullable(),
  limit: z.number().nullable(),
  interval: z.tuple([z.number(), z.number()]).optional(),
  blocking: z.boolean(),
  explanation: z.string(),
}) satisfies z.ZodType<GateResult>;

/** What commitRolloutAction stored as the action's judgement: the judge's verdict and the window it read. */
const storedJudgementSchema = z.object({
  gates: z.array(gateResultSchema),
  verdict: gateStatusSchema,
  frozen: z.boolean(),
  freezeReason: z.string().nullable(),
  // Judgements stored before SLO definitions existed named no SLO.
  freezeSlo: z.string().nullable().default(null),
  // Judgements stored before "unknown" existed had no reasons for it.
  unknownBecause: z.array(z.string()).default([]),
  window: z.object({ from: z.string(), to: z.string() }).nullable().catch(null),
});

/** A draft, or a draft nobody will start: a plan that never reached the endpoint. */
export function isPlanOnly(status: Rollout["status"]): boolean {
  return status === "draft" || status === "discarded";
}

export function toRolloutView(rollout: Rollout): RolloutView {
  const plan = templateContentSchema.parse(rollout.plan);
  const finished = rollout.status === "completed";
  return {
    id: rollout.id,
    model: rollout.modelName,
    version: rollout.modelVersion,
    endpoint: rollout.endpoint,
    baseline: rollout.baselineDeployment,
    candidate: rollout.candidateDeployment,
    template: rollout.templateName,
    status: rollout.status,
    autoMode: rollout.autoMode,
    revision: rollout.revision,
    currentStep: rollout.currentStep,
    steps: plan.steps.map((step, index) => ({
      index,
      label: describeStep(step),
      state: index < rollout.currentStep || finished ? "done" : index === rollout.currentStep ? "current" : "next",
    })),
    bakeSeconds: plan.bakeSeconds,
    stepStartedAt: rollout.stepStartedAt.toISOString(),
    desired: asSplit(rollout.desiredTraffic),
    applied: rollout.appliedTraffic ? asSplit(rollout.appliedTraffic) : null,
    applyPending: !isPlanOnly(rollout.status) && rollout.appliedRevision !== rollout.revision,
    applyError: rollout.applyError,
    previousChampion: rollout.previousChampion,
    championAppliedAt: rollout.championAppliedAt?.toISOString() ?? null,
    createdBy: rollout.createdByName,
    createdAt: rollout.createdAt.toISOString(),
    // Rollouts started before drafts existed were started by whoever created them.
    startedBy: rollout.startedByName ?? (isPlanOnly(rollout.status) ? null : rollout.createdByName),
    startedAt: rollout.startedAt?.toISOString() ?? (isPlanOnly(rollout.status) ? null : rollout.createdAt.toISOString()),
    endedAt: rollout.endedAt?.toISOString() ?? null,
    promotionRequestId: rollout.promotionRequestId,
    consecutiveEvaluationErrors: rollout.consecutiveEvaluationErrors,
    maxConsecutiveEvaluationErrors: plan.maxConsecutiveEvaluationErrors,
    completionConfirmationRequestedAt: rollout.completionConfirmationRequestedAt?.toISOString() ?? null,
  };
}

export function toActionView(action: RolloutAction): RolloutActionView {
  // A judgement that does not parse (none stored, or an older shape) is left out rather than shown wrong.
  const gates = storedJudgementSchema.safeParse(action.judgement);
  return {
    revision: action.revision,
    action: action.action,
    actor: action.actorName,
    reason: action.reason,
    fromStep: action.fromStep,
    toStep: action.toStep,
    at: action.createdAt.toISOString(),
    gates: gates.success ? gates.data : null,
  };
}
