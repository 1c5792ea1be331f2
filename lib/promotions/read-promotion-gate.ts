import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { PromotionInputs } from "@/lib/domain/promotion-evidence";
import { evaluatePolicy } from "@/lib/domain/promotion-policy";
import { invalidInput } from "@/lib/errors/refused-error";
import { currentPolicy } from "@/lib/policy/policy-store";
import type { Services } from "@/lib/services/services";
import { toRequestView } from "./request-view";

const gateQuery = z.object({
  model: z.string().trim().min(1, "name the registered model").max(256),
  version: z.string().trim().regex(/^\d{1,9}$/, "must be a version number"),
});

/**
 * The CI gate: what Stagegate decided about a model version (the newest request), who approved,
 * the policy's results and the evidence hashes. A pipeline proceeds only on "approved".
 */
export async function readPromotionGate(ctx: RequestContext, rawQuery: unknown, services: Pick<Services, "db" | "now">) {
  requirePermission(ctx, "gate-api:read");
  const parsed = gateQuery.safeParse(rawQuery);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const { model, version } = parsed.data;
  const row = await services.db.promotionRequest.findFirst({
    where: { modelName: model, modelVersion: version },
    include: { decisions: true },
    orderBy: { createdAt: "desc" },
  });
  if (!row) return { model, version, decision: "none" as const, message: `No promotion was requested for ${model} v${version}.` };
  const view = toRequestView(row, ctx, services.now());
  const approving = view.decisions.filter((decision) => decision.outcome === "approve");
  const lastDecision = row.decisions.toSorted((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  // The results a lead decided on; before any decision, the request's snapshot under today's policy.
  const results = lastDecision
    ? (lastDecision.evidence as { policyVersion: number; passed: boolean; results: unknown[] })
    : await (async () => {
        const policy = await currentPolicy(services.db);
        const inputs = row.inputs as unknown as PromotionInputs;
        const evaluation = evaluatePolicy(policy.content, inputs.candidate.metrics, inputs.champion?.metrics ?? null);
        return { policyVersion: policy.version, passed: evaluation.passed, results: evaluation.results.map((result) => ({ metric: result.rule.metric, status: result.status, candidate: result.candidate, bound: result.bound, explanation: result.explanation })) };
      })();
  return {
    model,
    version,
    decision: view.status,
    requestId: view.id,
    targetAlias: view.targetAlias,
    requestedBy: view.requestedBy,
    quorum: view.quorum,
    approvals: approving.map((decision) => ({ by: decision.decidedBy, at: decision.createdAt, override: decision.overrideReason, evidenceSha256: decision.evidenceSha256 })),
    rejections: view.decisions.filter((decision) => decision.outcome === "reject").map((decision) => ({ by: decision.decidedBy, at: decision.createdAt, comment: decision.comment })),
    policy: { version: results.policyVersion, passed: results.passed, results: results.results },
    evidenceSha256: view.decisions.map((decision) => decision.evidenceSha256),
    apply: view.apply,
  };
}
