import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { JobHandler } from "@/lib/outbox/outbox-worker";
import { CHAMPION_ALIAS } from "@/lib/promotions/mlflow-promotion-inputs";
import type { MlflowClient } from "@/lib/sources/mlflow/mlflow-client";
import { ROLLOUT_SYSTEM_ACTOR, rolloutSubject } from "./rollout-deps";

export const SET_CHAMPION_JOB = "rollout.set-champion";
const payloadSchema = z.object({ rolloutId: z.uuid() });

/** A completed rollout makes its version the champion in MLflow, recording the one it replaced. */
export function setChampionJob(prisma: PrismaClient, mlflow: () => MlflowClient, onAliasMoved: (model: string) => void = () => undefined): JobHandler {
  return {
    async run(rawPayload) {
      const { rolloutId } = payloadSchema.parse(rawPayload);
      const rollout = await prisma.rollout.findUniqueOrThrow({ where: { id: rolloutId } });
      if (rollout.championAppliedAt) return;
      const client = mlflow();
      const model = await client.getRegisteredModel(rollout.modelName);
      const previous = model.aliases.find((entry) => entry.alias === CHAMPION_ALIAS)?.version ?? null;
      await client.setAlias(rollout.modelName, CHAMPION_ALIAS, rollout.modelVersion);
      await client.setModelVersionTag(rollout.modelName, rollout.modelVersion, "stagegate.rollout_id", rollout.id);
      onAliasMoved(rollout.modelName);
      await prisma.$transaction(async (tx) => {
        const { count } = await tx.rollout.updateMany({
          where: { id: rolloutId, championAppliedAt: null },
          data: { championAppliedAt: new Date(), previousChampion: previous === rollout.modelVersion ? null : previous },
        });
        if (count === 0) return;
        await appendAuditEvent(tx, {
          actorId: ROLLOUT_SYSTEM_ACTOR.id,
          actorName: ROLLOUT_SYSTEM_ACTOR.name,
          action: "alias.moved",
          ...rolloutSubject(rollout),
          data: { rolloutId, alias: CHAMPION_ALIAS, version: rollout.modelVersion, previousVersion: previous === rollout.modelVersion ? null : previous },
        });
      });
    },
  };
}
