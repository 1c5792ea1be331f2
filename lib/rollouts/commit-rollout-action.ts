import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { Prisma, type Rollout } from "@/lib/db/generated/client";
import { writeTransaction } from "@/lib/db/write-transaction";
import { baselineTraffic, describeStep, templateContentSchema, trafficForStep, type TrafficSplit } from "@/lib/domain/rollout-plan";
import { notFound, RefusedError } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";
import { APPLY_TRAFFIC_JOB, applyTrafficJobKey } from "./apply-traffic-job";
import { asSplit, rolloutSubject } from "./rollout-records";
import { SET_CHAMPION_JOB } from "./set-champion-job";

export const ROLLOUT_ACTIONS = ["advance", "pause", "resume", "rollback", "abort", "reapply", "adopt", "auto-on", "auto-off"] as const;
export type RolloutActionName = (typeof ROLLOUT_ACTIONS)[number];

export interface ActionRequest {
  action: RolloutActionName;
  expectedRevision: number;
  reason: string | null;
  idempotencyKey: string;
  /** The gates' verdict the actor saw (stored with the action). */
  judgement: unknown;
  /** For adopt: the endpoint's live split. */
  liveTraffic?: TrafficSplit;
  /** Facts the audit event records besides the action's own (e.g. why auto mode paused, whether the KPI was ever judged). */
  auditDetails?: Record<string, string | number | boolean | null>;
}

interface Transition {
  status: Rollout["status"];
  toStep: number;
  desired: TrafficSplit;
  /** Whether ARM must change. */
  applies: boolean;
  completes: boolean;
}

/** What an action does to a rollout in its current state, or why it cannot. */
export function transitionFor(rollout: Rollout, request: ActionRequest): Transition {
  const plan = templateContentSchema.parse(rollout.plan);
  const desired = asSplit(rollout.desiredTraffic);
  const active = rollout.status === "running" || rollout.status === "paused";
  if (!active) throw new RefusedError("not_pending", `This rollout is ${rollout.status.replace("_", " ")}; nothing can change it any more.`);
  const stay = { status: rollout.status, toStep: rollout.currentStep, desired, applies: false, completes: false };
  switch (request.action) {
    case "advance": {
      if (rollout.status !== "running") throw new RefusedError("not_pending", "The rollout is paused; resume it before advancing.");
      if (rollout.appliedRevision !== rollout.revision) throw new RefusedError("not_pending", "The current step is still being applied to the endpoint; wait until it is, then advance.");
      const last = rollout.currentStep >= plan.steps.length - 1;
      if (last) return { ...stay, status: "completed", completes: true };
      const toStep = rollout.currentStep + 1;
      return { status: "running", toStep, desired: trafficForStep(plan.steps[toStep]!, rollout.baselineDeployment, rollout.candidateDeployment), applies: true, completes: false };
    }
    case "pause":
      if (rollout.status === "paused") throw new RefusedError("not_pending", "The rollout is already paused.");
      return { ...stay, status: "paused" };
    case "resume":
      if (rollout.status === "running") throw new RefusedError("not_pending", "The rollout is already running.");
      return { ...stay, status: "running" };
    case "rollback":
      return { ...stay, status: "rolled_back", desired: baselineTraffic(rollout.baselineDeployment, rollout.candidateDeployment), applies: true };
    case "abort":
      return { ...stay, status: "aborted" };
    case "reapply":
      return { ...stay, applies: true };
    case "adopt":
      if (!request.liveTraffic) throw new RefusedError("invalid_input", "Adopting needs the endpoint's live traffic; reload and try again.");
      return { ...stay, desired: request.liveTraffic };
    case "auto-on":
    case "auto-off":
      return stay;
  }
}

/**
 * Records one action: the rollout row (locked, revision checked so concurrent actions serialize),
 * the append-only action, its outbox job and its audit event, in one transaction.
 */
export async function commitRolloutAction(services: Pick<Services, "db" | "now" | "requestId">, rolloutId: string, actor: { id: string; name: string }, request: ActionRequest): Promise<Rollout> {
  const now = services.now();
  return writeTransaction(
    services.db,
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM rollouts WHERE id = ${rolloutId}::uuid FOR UPDATE`;
      const rollout = await tx.rollout.findUnique({ where: { id: rolloutId } });
      if (!rollout) throw notFound("There is no such rollout.");
      if (rollout.revision !== request.expectedRevision) {
        const latest = await tx.rolloutAction.findFirst({ where: { rolloutId }, orderBy: { revision: "desc" } });
        throw new RefusedError(
          "not_pending",
          `The rollout changed while you were looking at it: ${latest ? `${latest.actorName} chose "${latest.action}" at ${latest.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC` : "another action came first"}. Nothing was done; reload and decide again.`,
        );
      }
      const transition = transitionFor(rollout, request);
      const plan = templateContentSchema.parse(rollout.plan);
      const revision = rollout.revision + 1;
      const ended = transition.status === "completed" || transition.status === "rolled_back" || transition.status === "aborted";
      const updated = await tx.rollout.update({
        where: { id: rolloutId },
        data: {
          status: transition.status,
          currentStep: transition.toStep,
          stepStartedAt: transition.toStep !== rollout.currentStep ? now : undefined,
          revision,
          desiredTraffic: transition.desired as unknown as Prisma.InputJsonValue,
          // Adopting makes the live split the one Stagegate stands behind; nothing is sent to ARM.
          ...(request.action === "adopt" ? { appliedTraffic: transition.desired as unknown as Prisma.InputJsonValue, appliedRevision: revision, applyError: null } : {}),
          ...(!transition.applies && request.action !== "adopt" && rollout.appliedRevision === rollout.revision ? { appliedRevision: revision } : {}),
          autoMode: request.action === "auto-on" ? true : request.action === "auto-off" ? false : undefined,
          endedAt: ended ? now : undefined,
          // Auto mode's error count starts again after anything a person (or auto mode) decided.
          consecutiveEvaluationErrors: 0,
        },
      });
      await tx.rolloutAction.create({
        data: {
          rolloutId,
          revision,
          action: transition.completes ? "complete" : request.action,
          actorId: actor.id,
          actorName: actor.name,
          reason: request.reason,
          fromStep: rollout.currentStep,
          toStep: transition.toStep,
          traffic: transition.desired as unknown as Prisma.InputJsonValue,
          judgement: (request.judgement ?? Prisma.JsonNull) as Prisma.InputJsonValue,
          idempotencyKey: request.idempotencyKey,
          createdAt: now,
        },
      });
      if (transition.applies) {
        await tx.outboxJob.create({ data: { kind: APPLY_TRAFFIC_JOB, payload: { rolloutId, revision }, idempotencyKey: applyTrafficJobKey(rolloutId, revision) } });
      }
      if (transition.completes) {
        await tx.outboxJob.create({ data: { kind: SET_CHAMPION_JOB, payload: { rolloutId }, idempotencyKey: `rollout-champion:${rolloutId}` } });
      }
      const step = plan.steps[transition.toStep];
      await appendAuditEvent(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: `rollout.${transition.completes ? "completed" : request.action}`,
        ...rolloutSubject(rollout),
        requestId: services.requestId,
        data: {
          rolloutId,
          endpoint: rollout.endpoint,
          revision,
          fromStep: rollout.currentStep,
          toStep: transition.toStep,
          step: step ? describeStep(step) : null,
          traffic: { ...transition.desired },
          reason: request.reason,
          verdict: (request.judgement as { verdict?: string } | null)?.verdict ?? null,
          ...request.auditDetails,
        },
      });
      return updated;
    },
    {
      // The action's revision (or its key) was taken by a concurrent action.
      duplicate: () => {
        throw new RefusedError("not_pending", "Another action on this rollout was recorded at the same moment; reload and decide again.");
      },
    },
  );
}
