import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { JobHandler } from "@/lib/outbox/outbox-worker";
import type { Services } from "@/lib/services/services";
import { forgetModelReads } from "@/lib/sources/mlflow/cache-keys";
import { SYSTEM_ACTOR, versionSubject } from "./subjects";

export const APPLY_ALIAS_JOB = "promotion.apply-alias";
/** The model version tag that ties MLflow back to the approval. */
export const APPROVAL_TAG = "stagegate.approval_id";

const payloadSchema = z.object({ requestId: z.string(), model: z.string(), version: z.string(), alias: z.string() });
export type ApplyAliasPayload = z.infer<typeof payloadSchema>;

/**
 * Sets the approved alias and the approval tag in MLflow, then records it. Safe to repeat: MLflow
 * moves an alias idempotently, and the record is written once.
 */
export function applyAliasJob(services: Pick<Services, "db" | "mlflow" | "now">): JobHandler {
  const { db } = services;
  return {
    async run(rawPayload) {
      const payload = payloadSchema.parse(rawPayload);
      const client = services.mlflow.client();
      const before = await client.getRegisteredModel(payload.model);
      const previousVersion = before.aliases.find((entry) => entry.alias === payload.alias)?.version ?? null;
      await client.setAlias(payload.model, payload.alias, payload.version);
      await client.setModelVersionTag(payload.model, payload.version, APPROVAL_TAG, payload.requestId);
      // Every page of this process reads the moved alias at once (other replicas within their cache's freshness).
      forgetModelReads(services.mlflow.cache, payload.model);
      await writeTransaction(db, async (tx) => {
        const { count } = await tx.promotionRequest.updateMany({
          where: { id: payload.requestId, applyStatus: { not: "applied" } },
          data: { applyStatus: "applied", appliedAt: services.now(), applyError: null },
        });
        if (count === 0) return;
        await appendAuditEvent(tx, {
          actorId: SYSTEM_ACTOR.id,
          actorName: SYSTEM_ACTOR.name,
          action: "alias.moved",
          ...versionSubject(payload.model, payload.version),
          data: { requestId: payload.requestId, alias: payload.alias, version: payload.version, previousVersion: previousVersion === payload.version ? null : previousVersion },
        });
      });
    },
    async recordFailure(rawPayload, message, final) {
      const payload = payloadSchema.parse(rawPayload);
      await writeTransaction(db, async (tx) => {
        await tx.promotionRequest.updateMany({ where: { id: payload.requestId, applyStatus: { not: "applied" } }, data: { applyStatus: final ? "failed" : "pending", applyError: message } });
        if (!final) return;
        await appendAuditEvent(tx, {
          actorId: SYSTEM_ACTOR.id,
          actorName: SYSTEM_ACTOR.name,
          action: "alias.apply_failed",
          ...versionSubject(payload.model, payload.version),
          data: { requestId: payload.requestId, alias: payload.alias, error: message },
        });
      });
    },
  };
}
