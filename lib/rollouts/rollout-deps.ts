import "server-only";
import type { PrismaClient, Rollout } from "@/lib/db/generated/client";
import type { StepJudgement } from "@/lib/domain/canary-judge";
import type { TrafficSplit } from "@/lib/domain/rollout-plan";

/** An endpoint as ARM holds it now, as far as rollouts care. */
export interface LiveEndpoint {
  name: string;
  traffic: Record<string, number>;
  mirrorTraffic: Record<string, number>;
  provisioningState: string | null;
  deployments: { name: string; modelName: string | null; modelVersion: string | null }[];
}

export interface StepEvaluation {
  judgement: StepJudgement;
  window: { from: string; to: string };
  asOf: string;
  note: string | null;
}

/** What the rollout verbs need from outside; tests pass fakes, pages and the worker the real ones. */
export interface RolloutDeps {
  prisma: PrismaClient;
  now: () => Date;
  requestId: string | null;
  readEndpoint: (name: string) => Promise<LiveEndpoint>;
  /** Gates of the rollout's current step over its window so far. */
  evaluateStep: (rollout: Rollout) => Promise<StepEvaluation>;
}

export const ROLLOUT_SYSTEM_ACTOR = { id: "stagegate", name: "Stagegate (automatic)" } as const;

export function rolloutSubject(rollout: Pick<Rollout, "modelName" | "modelVersion">) {
  return { subjectType: "model_version", subjectId: `${rollout.modelName}/${rollout.modelVersion}` } as const;
}

export function asSplit(value: unknown): TrafficSplit {
  const split = (value ?? {}) as Partial<TrafficSplit>;
  return { traffic: split.traffic ?? {}, mirrorTraffic: split.mirrorTraffic ?? {} };
}
