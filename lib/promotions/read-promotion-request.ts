import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { PromotionInputs } from "@/lib/domain/promotion-evidence";
import { RefusedError } from "@/lib/errors/refused-error";
import { currentPolicy } from "@/lib/policy/policy-store";
import { evaluateForDisplay } from "./display-evaluation";
import type { PromotionDeps } from "./promotion-deps";
import { toRequestView } from "./request-view";

/** One request with its decisions, evidence hashes, apply status and the policy's current results. */
export async function readPromotionRequest(ctx: RequestContext, input: { id: string }, deps: PromotionDeps) {
  requirePermission(ctx, "registry:read");
  const id = z.uuid().safeParse(input.id);
  if (!id.success) throw new RefusedError("not_found", "There is no such promotion request.");
  const row = await deps.prisma.promotionRequest.findUnique({ where: { id: id.data }, include: { decisions: true } });
  if (!row) throw new RefusedError("not_found", "There is no such promotion request.");
  const [job, policy] = await Promise.all([
    deps.prisma.outboxJob.findUnique({ where: { idempotencyKey: `promotion-apply:${row.id}` } }),
    currentPolicy(deps.prisma),
  ]);
  const snapshot = row.inputs as unknown as PromotionInputs;
  const evaluation = await evaluateForDisplay(deps, policy, row.modelName, row.modelVersion, snapshot);
  const evidence = row.decisions.map((decision) => ({ decisionId: decision.id, evidence: decision.evidence }));
  return { request: toRequestView(row, ctx, deps.now(), job), evaluation, evidence };
}

/** The part of a request that changes in the background (applying the alias), for polling. */
export async function readApplyStatus(ctx: RequestContext, input: { id: string }, deps: Pick<PromotionDeps, "prisma" | "now">) {
  requirePermission(ctx, "registry:read");
  const id = z.uuid().safeParse(input.id);
  if (!id.success) throw new RefusedError("not_found", "There is no such promotion request.");
  const row = await deps.prisma.promotionRequest.findUnique({ where: { id: id.data }, include: { decisions: true } });
  if (!row) throw new RefusedError("not_found", "There is no such promotion request.");
  const job = await deps.prisma.outboxJob.findUnique({ where: { idempotencyKey: `promotion-apply:${row.id}` } });
  const view = toRequestView(row, ctx, deps.now(), job);
  return { status: view.status, apply: view.apply, checkedAt: deps.now().toISOString() };
}
