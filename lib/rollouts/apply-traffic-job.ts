import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { sameTraffic, type TrafficSplit } from "@/lib/domain/rollout-plan";
import type { JobHandler } from "@/lib/outbox/outbox-worker";
import { ROLLOUT_SYSTEM_ACTOR, asSplit, rolloutSubject } from "./rollout-deps";

export const APPLY_TRAFFIC_JOB = "rollout.apply-traffic";
export const applyTrafficJobKey = (rolloutId: string, revision: number) => `rollout-traffic:${rolloutId}:${revision}`;

const payloadSchema = z.object({ rolloutId: z.uuid(), revision: z.number().int() });

/** Sets an endpoint's traffic and mirror traffic and waits for ARM's long-running operation to end. */
export type TrafficWriter = (endpoint: string, split: TrafficSplit) => Promise<void>;

/**
 * Applies the rollout's newest desired traffic (not the one of the action that queued the job):
 * jobs queued by several actions converge on the latest plan, and repeating one is harmless.
 */
export function applyTrafficJob(prisma: PrismaClient, writeTraffic: () => TrafficWriter): JobHandler {
  return {
    async run(rawPayload) {
      const payload = payloadSchema.parse(rawPayload);
      const rollout = await prisma.rollout.findUniqueOrThrow({ where: { id: payload.rolloutId } });
      if (rollout.appliedRevision !== null && rollout.appliedRevision >= payload.revision) return;
      const desired = asSplit(rollout.desiredTraffic);
      await writeTraffic()(rollout.endpoint, desired);
      await prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM rollouts WHERE id = ${rollout.id}::uuid FOR UPDATE`;
        const current = await tx.rollout.findUniqueOrThrow({ where: { id: rollout.id } });
        // Only what was really sent counts as applied; a newer plan waits for its own job.
        if (!sameTraffic(asSplit(current.desiredTraffic), desired)) return;
        const now = new Date();
        await tx.rollout.update({
          where: { id: rollout.id },
          data: {
            appliedTraffic: desired as unknown as Prisma.InputJsonValue,
            appliedRevision: current.revision,
            applyError: null,
            // The step bakes from the moment its traffic is live.
            stepStartedAt: current.status === "running" ? now : undefined,
          },
        });
        await appendAuditEvent(tx, {
          actorId: ROLLOUT_SYSTEM_ACTOR.id,
          actorName: ROLLOUT_SYSTEM_ACTOR.name,
          action: "rollout.traffic_applied",
          ...rolloutSubject(current),
          data: { rolloutId: current.id, endpoint: current.endpoint, revision: current.revision, step: current.currentStep, traffic: { ...desired } },
        });
      });
    },
    async recordFailure(rawPayload, message, final) {
      const payload = payloadSchema.parse(rawPayload);
      await prisma.$transaction(async (tx) => {
        await tx.rollout.update({ where: { id: payload.rolloutId }, data: { applyError: `${final ? "Gave up" : "Retrying"}: ${message}` } });
        if (!final) return;
        const rollout = await tx.rollout.findUniqueOrThrow({ where: { id: payload.rolloutId } });
        await appendAuditEvent(tx, {
          actorId: ROLLOUT_SYSTEM_ACTOR.id,
          actorName: ROLLOUT_SYSTEM_ACTOR.name,
          action: "rollout.apply_failed",
          ...rolloutSubject(rollout),
          data: { rolloutId: rollout.id, revision: payload.revision, error: message },
        });
      });
    },
  };
}
