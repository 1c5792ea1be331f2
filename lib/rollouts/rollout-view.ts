import "server-only";
import type { Rollout, RolloutAction } from "@/lib/db/generated/client";
import { describeStep, templateContentSchema, type TrafficSplit } from "@/lib/domain/rollout-plan";
import { asSplit } from "./rollout-deps";

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
}

export interface RolloutActionView {
  revision: number;
  action: string;
  actor: string;
  reason: string | null;
  fromStep: number;
  toStep: number;
  at: string;
}

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
  };
}

export function toActionView(action: RolloutAction): RolloutActionView {
  return { revision: action.revision, action: action.action, actor: action.actorName, reason: action.reason, fromStep: action.fromStep, toStep: action.toStep, at: action.createdAt.toISOString() };
}
