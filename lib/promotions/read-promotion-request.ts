import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { PromotionInputs } from "@/lib/domain/promotion-evidence";
import { notFound } from "@/lib/errors/refused-error";
import { currentPolicy } from "@/lib/policy/policy-store";
import type { Services } from "@/lib/services/services";
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

/** One request with its decisions, evidence hashes, apply status and the policy's current results. */
export async function readPromotionRequest(ctx: RequestContext, input: { id: string }, services: Pick<Services, "db" | "mlflow" | "now">) {
  requirePermission(ctx, "registry:read");
  const [{ row, job }, policy] = await Promise.all([findRequest(services.db, input.id), currentPolicy(services.db)]);
  const snapshot = row.inputs as unknown as PromotionInputs;
  const evaluation = await evaluateForDisplay(services, policy, { model: row.modelName, version: row.modelVersion, snapshot });
  const evidence = row.decisions.map((decision) => ({ decisionId: decision.id, evidence: decision.evidence }));
  return { request: toRequestView(row, ctx, services.now(), job), evaluation, evidence };
}

/** The part of a request that changes in the background (applying the alias), for polling. */
export async function readApplyStatus(ctx: RequestContext, input: { id: string }, services: Pick<Services, "db" | "now">) {
  requirePermission(ctx, "registry:read");
  const { row, job } = await findRequest(services.db, input.id);
  const now = services.now();
  const view = toRequestView(row, ctx, now, job);
  return { status: view.status, apply: view.apply, checkedAt: now.toISOString() };
}
