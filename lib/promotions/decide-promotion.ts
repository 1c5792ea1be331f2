import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { Prisma, PromotionDecision, PromotionRequest } from "@/lib/db/generated/client";
import { writeTransaction } from "@/lib/db/write-transaction";
import { buildEvidence, type PromotionInputs } from "@/lib/domain/promotion-evidence";
import { evaluatePolicy } from "@/lib/domain/promotion-policy";
import { invalidInput, notFound, RefusedError } from "@/lib/errors/refused-error";
import { isUpstreamError } from "@/lib/errors/upstream-error";
import { idempotencyKeySchema } from "@/lib/http/idempotency-key";
import { currentPolicy } from "@/lib/policy/policy-store";
import type { Services } from "@/lib/services/services";
import { APPLY_ALIAS_JOB, type ApplyAliasPayload } from "./apply-alias-job";
import { readPromotionInputs } from "./mlflow-promotion-inputs";
import { versionSubject } from "./subjects";

export const decisionInput = z.object({
  requestId: z.uuid("is not a promotion request id"),
  outcome: z.enum(["approve", "reject"]),
  comment: z.string().trim().max(4000).default(""),
  overrideReason: z
    .string()
    .trim()
    .max(4000)
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.string().min(20, "an override needs a written reason of at least 20 characters").optional()),
  idempotencyKey: idempotencyKeySchema,
});

/** The alias an approval applies (DESIGN.md step 4); champion follows a completed rollout. */
export const APPROVAL_ALIAS = "challenger";

type DecideServices = Pick<Services, "db" | "mlflow" | "now" | "requestId">;

/** Decisions read MLflow fresh (never the pages' cache): the evidence must hold today's numbers. */
async function inputsForDecision(request: PromotionRequest, services: DecideServices): Promise<PromotionInputs> {
  try {
    return await readPromotionInputs(services, request.modelName, request.modelVersion);
  } catch (error) {
    // MLflow down must not block a decision: the numbers read at request time are used, and the
    // evidence says so.
    if (!isUpstreamError(error) || !error.transient) throw error;
    const snapshot = request.inputs as unknown as PromotionInputs;
    return { ...snapshot, fallbackReason: `MLflow could not be read at decision time (${error.message}); numbers from the request's snapshot of ${snapshot.readAt}.` };
  }
}

function refuseUnlessDecidable(request: PromotionRequest, ctx: RequestContext, now: Date): void {
  if (request.requestedById === ctx.user.id) {
    throw new RefusedError("self_approval", "You requested this promotion, so another ML lead must decide it. Nobody approves their own request.");
  }
  if (request.status !== "pending") throw new RefusedError("not_pending", `This request is already ${request.status}; nothing was changed.`);
  if (request.expiresAt <= now) throw new RefusedError("not_pending", "This request has expired; ask for a new one if the version should still be promoted.");
}

/** An MLLead other than the requester approves or rejects; quorum approvals apply the alias through the outbox. */
export async function decidePromotion(ctx: RequestContext, rawInput: unknown, services: DecideServices): Promise<{ decision: PromotionDecision; replayed: boolean }> {
  requirePermission(ctx, "promotions:decide");
  const parsed = decisionInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const input = parsed.data;

  const replay = await services.db.promotionDecision.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (replay) {
    if (replay.decidedById !== ctx.user.id || replay.requestId !== input.requestId) {
      throw new RefusedError("idempotency_conflict", "This idempotency key was already used for another decision; reload the page and decide again.");
    }
    return { decision: replay, replayed: true };
  }

  const request = await services.db.promotionRequest.findUnique({ where: { id: input.requestId } });
  if (!request) throw notFound("There is no such promotion request.");
  const now = services.now();
  refuseUnlessDecidable(request, ctx, now);

  const [inputs, policy] = await Promise.all([inputsForDecision(request, services), currentPolicy(services.db)]);
  const evaluation = evaluatePolicy(policy.content, inputs.candidate.metrics, inputs.champion?.metrics ?? null);
  const overrideReason = input.outcome === "approve" && !evaluation.passed ? (input.overrideReason ?? null) : null;
  if (input.outcome === "approve" && !evaluation.passed) {
    if (!overrideReason) {
      const failing = evaluation.failing.map((result) => `${result.rule.metric} (${result.status}: ${result.explanation})`).join("; ");
      throw new RefusedError(
        "policy_failed",
        `The promotion policy does not pass: ${failing}. Approve only with a written override reason, or reject.`,
        { overrideReason: "required because a rule does not pass" },
      );
    }
    requirePermission(ctx, "gates:override");
  }

  const decidedAt = now.toISOString();
  const built = buildEvidence({
    requestId: request.id,
    outcome: input.outcome,
    decidedBy: { id: ctx.user.id, name: ctx.user.name },
    decidedAt,
    policy: { version: policy.version, content: policy.content },
    inputs,
    evaluation,
    overrideReason,
  });

  return writeTransaction(
    services.db,
    async (tx) => {
      // Concurrent decisions on one request queue here; each then sees the others' rows.
      await tx.$queryRaw`SELECT id FROM promotion_requests WHERE id = ${request.id}::uuid FOR UPDATE`;
      const locked = await tx.promotionRequest.findUniqueOrThrow({ where: { id: request.id } });
      refuseUnlessDecidable(locked, ctx, now);
      const mine = await tx.promotionDecision.findUnique({ where: { requestId_decidedById: { requestId: request.id, decidedById: ctx.user.id } } });
      if (mine) throw new RefusedError("already_decided", `You already decided this request (${mine.outcome}) at ${mine.createdAt.toISOString()}.`);

      const decision = await tx.promotionDecision.create({
        data: {
          requestId: request.id,
          decidedById: ctx.user.id,
          decidedByName: ctx.user.name,
          outcome: input.outcome,
          comment: input.comment,
          overrideReason,
          evidence: built.evidence as Prisma.InputJsonValue,
          evidenceSha256: built.sha256,
          idempotencyKey: input.idempotencyKey,
          createdAt: now,
        },
      });
      const approvals = await tx.promotionDecision.count({ where: { requestId: request.id, outcome: "approve" } });
      const quorumReached = input.outcome === "approve" && approvals >= locked.quorum;
      if (input.outcome === "reject") {
        await tx.promotionRequest.update({ where: { id: request.id }, data: { status: "rejected", decidedAt: now } });
      } else if (quorumReached) {
        await tx.promotionRequest.update({ where: { id: request.id }, data: { status: "approved", decidedAt: now, applyStatus: "pending" } });
        const payload: ApplyAliasPayload = { requestId: request.id, model: request.modelName, version: request.modelVersion, alias: APPROVAL_ALIAS };
        await tx.outboxJob.create({ data: { kind: APPLY_ALIAS_JOB, payload: { ...payload }, idempotencyKey: `promotion-apply:${request.id}` } });
      }
      await appendAuditEvent(tx, {
        actorId: ctx.user.id,
        actorName: ctx.user.name,
        action: input.outcome === "approve" ? "promotion.approved" : "promotion.rejected",
        ...versionSubject(request.modelName, request.modelVersion),
        requestId: services.requestId,
        data: {
          requestId: request.id,
          decisionId: decision.id,
          comment: input.comment,
          overrideReason,
          policyVersion: policy.version,
          policyPassed: evaluation.passed,
          evidenceSha256: built.sha256,
          approvals: input.outcome === "approve" ? approvals : null,
          quorum: locked.quorum,
          quorumReached,
          inputsFallback: inputs.fallbackReason ?? null,
        },
      });
      return { decision, replayed: false };
    },
    {
      // A concurrent submit of the same form won the race: answer with its decision.
      replay: () => decidePromotion(ctx, rawInput, services),
      duplicate: () => {
        throw new RefusedError("already_decided", "You already decided this request.");
      },
    },
  );
}
