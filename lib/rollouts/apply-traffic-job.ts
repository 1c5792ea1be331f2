import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { Prisma } from "@/lib/db/generated/client";
import { sameTraffic } from "@/lib/domain/rollout-plan";
import type { JobHandler } from "@/lib/outbox/outbox-worker";
import type { Services } from "@/lib/services/services";
import { ROLLOUT_SYSTEM_ACTOR, asSplit, rolloutSubject } from "./rollout-records";

export const APPLY_TRAFFIC_JOB = "rollout.apply-traffic";
export const applyTrafficJobKey = (rolloutId: string, revision: number) => `rollout-traffic:${rolloutId}:${revision}`;

const payloadSchema = z.object({ rolloutId: z.uuid(), revision: z.number().int() });

/**
 * Applies the rollout's newest desired traffic (not the one of the action that queued the job):
 * jobs queued by several actions converge on the latest plan, and repeating one is harmless. ARM
 * gets the endpoint's traffic and mirror traffic, and the job waits for its long-running operation.
 */
export function applyTrafficJob(services: Pick<Services, "db" | "azureMl" | "now">): JobHandler {
  const { db } = services;
  return {
    async run(rawPayload) {
      const payload = payloadSchema.parse(rawPayload);
      const rollout = await db.rollout.findUniqueOrThrow({ where: { id: payload.rolloutId } });
      if (rollout.appliedRevision !== null && rollout.appliedRevision >= payload.revision) return;
      const desired = asSplit(rollout.desiredTraffic);
      await services.azureMl.client().setTraffic(rollout.endpoint, desired);
      await writeTransaction(db, async (tx) => {
        await tx.$queryRaw`SELECT id FROM rollouts WHERE id = ${rollout.id}::uuid FOR UPDATE`;
        const current = await tx.rollout.findUniqueOrThrow({ where: { id: rollout.id } });
        // Only what was really sent counts as applied; a newer plan waits for its own job.
        if (!sameTraffic(asSplit(current.desiredTraffic), desired)) return;
        const now = services.now();
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
      await writeTransaction(db, async (tx) => {
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
