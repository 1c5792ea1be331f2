import "server-only";
import type { PromotionInputs } from "@/lib/domain/promotion-evidence";
import { evaluatePolicy, type PolicyEvaluation } from "@/lib/domain/promotion-policy";
import type { StoredPolicy } from "@/lib/policy/policy-store";
import { UpstreamError } from "@/lib/sources/upstream-error";
import type { PromotionDeps } from "./promotion-deps";

export type DisplayEvaluation =
  | { ok: true; evaluation: PolicyEvaluation; inputs: PromotionInputs; policyVersion: number; note: string | null }
  | { ok: false; problem: string };

/**
 * The policy's results as a page shows them: from MLflow's current numbers, or, when MLflow cannot
 * be read, from the request's snapshot, saying so. Never throws for an upstream failure.
 */
export async function evaluateForDisplay(
  deps: Pick<PromotionDeps, "readInputs">,
  policy: StoredPolicy,
  model: string,
  version: string,
  snapshot?: PromotionInputs,
): Promise<DisplayEvaluation> {
  let inputs: PromotionInputs;
  let note: string | null = null;
  try {
    inputs = await deps.readInputs(model, version);
    if (inputs.fallbackReason) note = `MLflow is not answering; numbers as of ${inputs.readAt}. ${inputs.fallbackReason}`;
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    if (!snapshot) return { ok: false, problem: error.message };
    inputs = snapshot;
    note = `MLflow is not answering (${error.message}); showing the numbers recorded with the request at ${snapshot.readAt}.`;
  }
  return {
    ok: true,
    evaluation: evaluatePolicy(policy.content, inputs.candidate.metrics, inputs.champion?.metrics ?? null),
    inputs,
    policyVersion: policy.version,
    note,
  };
}
