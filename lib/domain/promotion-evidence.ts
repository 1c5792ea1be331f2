// The evidence snapshot stored with each decision (DESIGN.md step 3): policy version, the inputs
// read from MLflow, the results, dataset versions and run ids, as canonical JSON with its sha256,
// so anyone can later prove what a lead saw when deciding.
import { createHash } from "node:crypto";
import { canonicalJson, type JsonValue } from "./canonical-json";
import type { PolicyContent, PolicyEvaluation } from "./promotion-policy";

export interface VersionInputs {
  version: string;
  runId: string | null;
  metrics: Record<string, number>;
  datasets: { name: string; digest: string; source: string | null; deltaVersion: string | null }[];
}

/** What MLflow said about a candidate and its champion at one moment. */
export interface PromotionInputs {
  model: string;
  candidate: VersionInputs;
  champion: VersionInputs | null;
  readAt: string;
  /** Set when MLflow could not be read and an earlier snapshot was used instead. */
  fallbackReason?: string;
}

export interface EvidenceInput {
  requestId: string;
  outcome: "approve" | "reject";
  decidedBy: { id: string; name: string };
  decidedAt: string;
  policy: { version: number; content: PolicyContent };
  inputs: PromotionInputs;
  evaluation: PolicyEvaluation;
  overrideReason: string | null;
}

export function buildEvidence(input: EvidenceInput): { evidence: JsonValue; canonical: string; sha256: string } {
  const evidence = {
    schema: "stagegate.promotion-evidence/1",
    requestId: input.requestId,
    outcome: input.outcome,
    decidedBy: input.decidedBy,
    decidedAt: input.decidedAt,
    policyVersion: input.policy.version,
    policy: input.policy.content,
    inputs: input.inputs,
    runIds: [input.inputs.candidate.runId, input.inputs.champion?.runId].filter((id): id is string => Boolean(id)),
    datasetVersions: input.inputs.candidate.datasets.map((dataset) => ({ name: dataset.name, digest: dataset.digest, deltaVersion: dataset.deltaVersion })),
    results: input.evaluation.results.map((result) => ({
      metric: result.rule.metric,
      comparison: result.rule.comparison,
      threshold: result.rule.threshold,
      relativeTo: result.rule.relativeTo,
      status: result.status,
      candidate: result.candidate,
      incumbent: result.incumbent,
      bound: result.bound,
      explanation: result.explanation,
    })),
    passed: input.evaluation.passed,
    override: input.overrideReason ? { reason: input.overrideReason, rulesOverridden: input.evaluation.failing.map((result) => result.rule.metric) } : null,
  };
  // Round-trip through canonical JSON so what is stored is exactly what was hashed.
  const canonical = canonicalJson(evidence);
  return { evidence: JSON.parse(canonical) as JsonValue, canonical, sha256: sha256Hex(canonical) };
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
