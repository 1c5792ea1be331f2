import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { OutboxJob, PrismaClient } from "@/lib/db/generated/client";
import type { PromotionInputs } from "@/lib/domain/promotion-evidence";
import { notFound } from "@/lib/errors/refused-error";
import { currentPolicy } from "@/lib/policy/policy-store";
import type { Services } from "@/lib/services/services";
import type { ApplyAliasPayload } from "./apply-alias-job";
import { checkAppliedAlias } from "./applied-alias-check";
import { APPROVAL_ALIAS } from "./decide-promotion";
import { evaluateForDisplay } from "./display-evaluation";
import { toRequestView } from "./request-view";

/** A request with its decisions and its apply job; an id that is not a UUID is simply not found. */
async function findRequest(db: PrismaClient, rawId: string) {
  const id = z.uuid().safeParse(rawId);
  const row = id.success ? await db.promotionRequest.findUnique({ where: { id: id.data }, include: { decisions: true } }) : null;
  if (!row) throw notFound("There is no such promotion request.");
  const job = await db.outboxJob.findUnique({ where: { idempotencyKey: `promotion-apply:${row.id}` } });
  return { row, job };
}

/** The alias the request's apply job sets in MLflow. */
function appliedAlias(job: OutboxJob | null): string {
  return (job?.payload as Partial<ApplyAliasPayload> | null)?.alias ?? APPROVAL_ALIAS;
}

/**
 * One request with its decisions, evidence hashes, apply status, the policy's current results and,
 * once its alias was applied, whether MLflow still points that alias to its version.
 */
export async function readPromotionRequest(ctx: RequestContext, input: { id: string }, services: Pick<Services, "db" | "mlflow" | "now">) {
  requirePermission(ctx, "registry:read");
  const [{ row, job }, policy] = await Promise.all([findRequest(services.db, input.id), currentPolicy(services.db)]);
  const snapshot = row.inputs as unknown as PromotionInputs;
  // Independent MLflow reads, side by side: the page waits for the slower, not for both in turn.
  const [evaluation, aliasCheck] = await Promise.all([
    evaluateForDisplay(services, policy, { model: row.modelName, version: row.modelVersion, snapshot }),
    checkAppliedAlias(services, row, appliedAlias(job)),
  ]);
  const evidence = row.decisions.map((decision) => ({ decisionId: decision.id, evidence: decision.evidence }));
  return { request: toRequestView(row, ctx, services.now(), job), evaluation, aliasCheck, evidence };
}

/** The part of a request that changes in the background (applying the alias), for polling. */
export async function readApplyStatus(ctx: RequestContext, input: { id: string }, services: Pick<Services, "db" | "now">) {
  requirePermission(ctx, "registry:read");
  const { row, job } = await findRequest(services.db, input.id);
  const now = services.now();
  const view = toRequestView(row, ctx, now, job);
  return { status: view.status, apply: view.apply, checkedAt: now.toISOString() };
}
