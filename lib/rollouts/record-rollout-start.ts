import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { Prisma, type Rollout } from "@/lib/db/generated/client";
import { describeStep, type RolloutStep, type TrafficSplit } from "@/lib/domain/rollout-plan";
import { APPLY_TRAFFIC_JOB, applyTrafficJobKey } from "./apply-traffic-job";
import { rolloutSubject } from "./rollout-records";

/**
 * What every start writes next to the running rollout, in the caller's transaction: the "start"
 * action at the rollout's revision, the outbox job applying step one to the endpoint, and the audit
 * event. Shared by starting at once and starting a draft, so both start exactly alike.
 */
export async function recordRolloutStart(
  tx: Prisma.TransactionClient,
  rollout: Rollout,
  start: { actor: { id: string; name: string }; firstStep: RolloutStep; desired: TrafficSplit; idempotencyKey: string; requestId: string | null; draftedBy?: string },
) {
  await tx.rolloutAction.create({
    data: {
      rolloutId: rollout.id,
      revision: rollout.revision,
      action: "start",
      actorId: start.actor.id,
      actorName: start.actor.name,
      fromStep: 0,
      toStep: 0,
      traffic: start.desired as unknown as Prisma.InputJsonValue,
      idempotencyKey: start.idempotencyKey,
      createdAt: rollout.startedAt ?? undefined,
    },
  });
  await tx.outboxJob.create({ data: { kind: APPLY_TRAFFIC_JOB, payload: { rolloutId: rollout.id, revision: rollout.revision }, idempotencyKey: applyTrafficJobKey(rollout.id, rollout.revision) } });
  await appendAuditEvent(tx, {
    actorId: start.actor.id,
    actorName: start.actor.name,
    action: "rollout.started",
    ...rolloutSubject(rollout),
    requestId: start.requestId,
    data: {
      rolloutId: rollout.id,
      endpoint: rollout.endpoint,
      baseline: rollout.baselineDeployment,
      candidate: rollout.candidateDeployment,
      template: rollout.templateName,
      autoMode: rollout.autoMode,
      step: describeStep(start.firstStep),
      traffic: { ...start.desired },
      ...(start.draftedBy ? { draftedBy: start.draftedBy } : {}),
    },
  });
}
