import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { JobHandler } from "@/lib/outbox/outbox-worker";
import { CHAMPION_ALIAS } from "@/lib/promotions/mlflow-promotion-inputs";
import type { Services } from "@/lib/services/services";
import { forgetModelReads } from "@/lib/sources/mlflow/cache-keys";
import { ROLLOUT_SYSTEM_ACTOR, rolloutSubject } from "./rollout-records";

export const SET_CHAMPION_JOB = "rollout.set-champion";
const payloadSchema = z.object({ rolloutId: z.uuid() });

/** A completed rollout makes its version the champion in MLflow, recording the one it replaced. */
export function setChampionJob(services: Pick<Services, "db" | "mlflow" | "now">): JobHandler {
  const { db } = services;
  return {
    async run(rawPayload) {
      const { rolloutId } = payloadSchema.parse(rawPayload);
      const rollout = await db.rollout.findUniqueOrThrow({ where: { id: rolloutId } });
      if (rollout.championAppliedAt) return;
      const client = services.mlflow.client();
      const model = await client.getRegisteredModel(rollout.modelName);
      const previous = model.aliases.find((entry) => entry.alias === CHAMPION_ALIAS)?.version ?? null;
      await client.setAlias(rollout.modelName, CHAMPION_ALIAS, rollout.modelVersion);
      await client.setModelVersionTag(rollout.modelName, rollout.modelVersion, "stagegate.rollout_id", rollout.id);
      // Every page of this process reads the moved alias at once (other replicas within their cache's freshness).
      forgetModelReads(services.mlflow.cache, rollout.modelName);
      await writeTransaction(db, async (tx) => {
        const { count } = await tx.rollout.updateMany({
          where: { id: rolloutId, championAppliedAt: null },
          data: { championAppliedAt: services.now(), previousChampion: previous === rollout.modelVersion ? null : previous },
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
