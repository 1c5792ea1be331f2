import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { ANNOTATED_ACTIONS, toDecisionAnnotation, type DecisionAnnotation } from "@/lib/domain/monitoring/decision-annotations";
import type { Services } from "@/lib/services/services";

/** More decisions than this in one range are not drawn one by one: the chart says how many were left out. */
export const MAX_ANNOTATIONS = 200;

export interface DecisionAnnotations {
  annotations: DecisionAnnotation[];
  /** Decisions in the range beyond MAX_ANNOTATIONS (the oldest are kept). */
  leftOut: number;
}

/**
 * The model's decisions in the range from Stagegate's own audit trail (approvals, alias moves,
 * rollout steps, rollbacks), oldest first, for every monitoring chart's time axis.
 */
export async function readDecisionAnnotations(ctx: RequestContext, input: { model: string; from: Date; to: Date }, services: Pick<Services, "db">): Promise<DecisionAnnotations> {
  requirePermission(ctx, "monitoring:read");
  const where = {
    subjectType: "model_version",
    subjectId: { startsWith: `${input.model}/` },
    action: { in: [...ANNOTATED_ACTIONS] },
    occurredAt: { gte: input.from, lt: input.to },
  };
  const [rows, total] = await Promise.all([
    services.db.auditEvent.findMany({ where, orderBy: { seq: "asc" }, take: MAX_ANNOTATIONS, select: { occurredAt: true, actorName: true, action: true, subjectId: true, data: true } }),
    services.db.auditEvent.count({ where }),
  ]);
  const annotations = rows.map((row) => toDecisionAnnotation(input.model, row)).filter((annotation): annotation is DecisionAnnotation => annotation !== null);
  return { annotations, leftOut: Math.max(0, total - rows.length) };
}
