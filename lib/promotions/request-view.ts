import "server-only";
import type { RequestContext } from "@/lib/auth/request-context";
import type { OutboxJob, PromotionDecision, PromotionRequest } from "@/lib/db/generated/client";

export interface DecisionView {
  id: string;
  decidedBy: string;
  outcome: "approve" | "reject";
  comment: string;
  overrideReason: string | null;
  evidenceSha256: string;
  createdAt: string;
}

export interface PromotionRequestView {
  id: string;
  model: string;
  version: string;
  targetAlias: string;
  rationale: string;
  requestedBy: string;
  status: "pending" | "approved" | "rejected" | "expired";
  quorum: number;
  approvals: number;
  policyVersion: number;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  apply: {
    status: "not_started" | "pending" | "applied" | "failed";
    error: string | null;
    appliedAt: string | null;
    attempts: number;
    nextAttemptAt: string | null;
  };
  decisions: DecisionView[];
  /** Whether the signed-in person may decide it now, and if not, why. */
  viewer: { canDecide: boolean; whyNot: string | null };
}

type RequestRow = PromotionRequest & { decisions: PromotionDecision[] };

function whyCannotDecide(row: RequestRow, ctx: RequestContext, now: Date): string | null {
  if (!ctx.permissions.has("promotions:decide")) return "Only ML leads decide promotions.";
  if (row.requestedById === ctx.user.id) return "You requested it; another ML lead must decide.";
  const mine = row.decisions.find((decision) => decision.decidedById === ctx.user.id);
  if (mine) return `You ${mine.outcome === "approve" ? "approved" : "rejected"} it at ${mine.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC.`;
  if (row.status !== "pending") return `This request is ${row.status}.`;
  if (row.expiresAt <= now) return "This request has expired.";
  return null;
}

/** A request as pages and the API show it; an expired-but-unswept request already reads as expired. */
export function toRequestView(row: RequestRow, ctx: RequestContext, now: Date, job?: OutboxJob | null): PromotionRequestView {
  const whyNot = whyCannotDecide(row, ctx, now);
  const status = row.status === "pending" && row.expiresAt <= now ? "expired" : row.status;
  return {
    id: row.id,
    model: row.modelName,
    version: row.modelVersion,
    targetAlias: row.targetAlias,
    rationale: row.rationale,
    requestedBy: row.requestedByName,
    status,
    quorum: row.quorum,
    approvals: row.decisions.filter((decision) => decision.outcome === "approve").length,
    policyVersion: row.policyVersion,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    apply: {
      status: row.applyStatus,
      error: row.applyError,
      appliedAt: row.appliedAt?.toISOString() ?? null,
      attempts: job?.attempts ?? 0,
      nextAttemptAt: job && job.status === "pending" ? job.nextAttemptAt.toISOString() : null,
    },
    decisions: row.decisions
      .toSorted((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((decision) => ({
        id: decision.id,
        decidedBy: decision.decidedByName,
        outcome: decision.outcome,
        comment: decision.comment,
        overrideReason: decision.overrideReason,
        evidenceSha256: decision.evidenceSha256,
        createdAt: decision.createdAt.toISOString(),
      })),
    viewer: { canDecide: whyNot === null, whyNot },
  };
}
