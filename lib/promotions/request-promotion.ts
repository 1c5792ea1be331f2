import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { Prisma, PromotionRequest } from "@/lib/db/generated/client";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { JsonValue } from "@/lib/domain/canonical-json";
import { evaluatePolicy } from "@/lib/domain/promotion-policy";
import { invalidInput, notFound, RefusedError } from "@/lib/errors/refused-error";
import { idempotencyKeySchema } from "@/lib/http/idempotency-key";
import { currentPolicy } from "@/lib/policy/policy-store";
import type { Services } from "@/lib/services/services";
import { isMlflowError } from "@/lib/sources/mlflow/mlflow-client";
import { expireDueRequests } from "./expire-requests";
import { readPromotionInputs } from "./mlflow-promotion-inputs";
import { versionSubject } from "./subjects";

const DAY_MS = 86_400_000;

export const promotionRequestInput = z.object({
  model: z.string().trim().min(1, "name the registered model").max(256),
  version: z.string().trim().regex(/^\d{1,9}$/, "must be a version number"),
  targetAlias: z.enum(["champion", "challenger"]).default("champion"),
  rationale: z.string().trim().min(10, "explain in at least 10 characters why this version should be promoted").max(4000),
  idempotencyKey: idempotencyKeySchema,
});

type RequestServices = Pick<Services, "db" | "mlflow" | "now" | "requestId">;

/** An MLEngineer or MLLead asks for a version's promotion; the policy is evaluated now and at each decision. */
export async function requestPromotion(ctx: RequestContext, rawInput: unknown, services: RequestServices): Promise<{ request: PromotionRequest; replayed: boolean }> {
  requirePermission(ctx, "promotions:request");
  const parsed = promotionRequestInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;

  const replay = await services.db.promotionRequest.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (replay) {
    if (replay.requestedById !== ctx.user.id) throw new RefusedError("idempotency_conflict", "This idempotency key was already used by someone else; submit the form again.");
    return { request: replay, replayed: true };
  }

  let inputs;
  try {
    inputs = await readPromotionInputs(services, input.model, input.version);
  } catch (error) {
    // By kind, not instanceof: the MLflow client may come from another bundle's copy of its module.
    if (isMlflowError(error) && (error.status === 404 || error.code === "RESOURCE_DOES_NOT_EXIST")) {
      throw notFound(`MLflow has no version ${input.version} of ${input.model}; nothing was requested.`);
    }
    throw error;
  }
  const now = services.now();
  return writeTransaction(
    services.db,
    async (tx) => {
      await expireDueRequests(tx, now, { modelName: input.model, modelVersion: input.version });
      const policy = await currentPolicy(tx);
      const evaluation = evaluatePolicy(policy.content, inputs.candidate.metrics, inputs.champion?.metrics ?? null);
      const request = await tx.promotionRequest.create({
        data: {
          modelName: input.model,
          modelVersion: input.version,
          targetAlias: input.targetAlias,
          rationale: input.rationale,
          requestedById: ctx.user.id,
          requestedByName: ctx.user.name,
          quorum: policy.content.quorum,
          policyVersion: policy.version,
          inputs: inputs as unknown as Prisma.InputJsonValue,
          idempotencyKey: input.idempotencyKey,
          createdAt: now,
          expiresAt: new Date(now.getTime() + policy.content.requestTtlDays * DAY_MS),
        },
      });
      await appendAuditEvent(tx, {
        actorId: ctx.user.id,
        actorName: ctx.user.name,
        action: "promotion.requested",
        ...versionSubject(input.model, input.version),
        requestId: services.requestId,
        data: {
          requestId: request.id,
          targetAlias: input.targetAlias,
          rationale: input.rationale,
          policyVersion: policy.version,
          policyPassed: evaluation.passed,
          failingRules: evaluation.failing.map((result) => ({ metric: result.rule.metric, status: result.status, explanation: result.explanation })),
          championVersion: inputs.champion?.version ?? null,
        } satisfies JsonValue,
      });
      return { request, replayed: false };
    },
    {
      // A concurrent submit of the same form won the race: answer with its request.
      replay: () => requestPromotion(ctx, rawInput, services),
      duplicate: () => {
        throw new RefusedError("duplicate_request", `${input.model} v${input.version} already has an open request to become ${input.targetAlias}; decide or let that one expire first.`);
      },
    },
  );
}
