import "server-only";
import type { PromotionInputs } from "@/lib/domain/promotion-evidence";
import { evaluatePolicy, type PolicyEvaluation } from "@/lib/domain/promotion-policy";
import { upstreamProblem, type UpstreamProblem } from "@/lib/errors/upstream-problem";
import type { StoredPolicy } from "@/lib/policy/policy-store";
import type { Services } from "@/lib/services/services";
import { readCachedPromotionInputs } from "./mlflow-promotion-inputs";

export type DisplayEvaluation =
  | { ok: true; evaluation: PolicyEvaluation; inputs: PromotionInputs; policyVersion: number; note: string | null }
  | { ok: false; problem: UpstreamProblem };

/**
 * The policy's results as a page shows them: from MLflow's numbers (through the cache), or, when
 * MLflow cannot be read, from the request's snapshot, saying so. Never throws for an upstream failure.
 */
export async function evaluateForDisplay(
  services: Pick<Services, "mlflow" | "now">,
  policy: StoredPolicy,
  subject: { model: string; version: string; snapshot?: PromotionInputs },
): Promise<DisplayEvaluation> {
  let inputs: PromotionInputs;
  let note: string | null = null;
  try {
    inputs = await readCachedPromotionInputs(services, subject.model, subject.version, subject.snapshot);
    if (inputs.fallbackReason) note = `MLflow is not answering; numbers as of ${inputs.readAt}. ${inputs.fallbackReason}`;
  } catch (error) {
    const problem = upstreamProblem(error);
    if (!problem) throw error;
    if (!subject.snapshot) return { ok: false, problem };
    inputs = subject.snapshot;
    note = `MLflow is not answering (${problem.message}); showing the numbers recorded with the request at ${subject.snapshot.readAt}.`;
  }
  return {
    ok: true,
    evaluation: evaluatePolicy(policy.content, inputs.candidate.metrics, inputs.champion?.metrics ?? null),
    inputs,
    policyVersion: policy.version,
    note,
  };
}
