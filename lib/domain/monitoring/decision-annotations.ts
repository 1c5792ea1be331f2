// Stagegate's own decisions drawn on the monitoring charts' time axis: which audit events mark a
// change in what served (approvals, alias moves, rollout steps, rollbacks), and how each reads.
// Pure: the rows come from the audit trail, read by lib/monitoring/read-decision-annotations.ts.

export const ANNOTATED_ACTIONS = [
  "promotion.approved",
  "promotion.rejected",
  "alias.moved",
  "rollout.started",
  "rollout.advance",
  "rollout.rollback",
  "rollout.abort",
  "rollout.completed",
] as const;

export type AnnotatedAction = (typeof ANNOTATED_ACTIONS)[number];

export type AnnotationKind = "approval" | "rejection" | "alias" | "rollout" | "rollback";

/** The audit row as the trail stores it (subject `model_version` `{model}/{version}`). */
export interface AnnotationSource {
  occurredAt: Date;
  actorName: string;
  action: string;
  subjectId: string;
  data: unknown;
}

export interface DecisionAnnotation {
  /** ISO instant of the decision. */
  at: string;
  kind: AnnotationKind;
  /** The version the decision concerns (the one that served after it, for alias moves and steps). */
  version: string;
  title: string;
  who: string;
  /** The reason or comment the person gave, when they gave one. */
  why: string | null;
  /** Where the decision's record lives: the approval, the rollout, or the version. */
  href: string;
}

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

function fieldsOf(data: unknown): Record<string, unknown> {
  return data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/** One audit row as an annotation; null for rows that are not the model's decisions. */
export function toDecisionAnnotation(model: string, row: AnnotationSource): DecisionAnnotation | null {
  if (!(ANNOTATED_ACTIONS as readonly string[]).includes(row.action)) return null;
  const prefix = `${model}/`;
  if (!row.subjectId.startsWith(prefix)) return null;
  const version = row.subjectId.slice(prefix.length);
  const data = fieldsOf(row.data);
  const versionHref = `/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`;
  const rolloutHref = text(data.rolloutId) ? `/rollouts/${encodeURIComponent(text(data.rolloutId)!)}` : versionHref;
  const approvalHref = text(data.requestId) ? `/approvals/${encodeURIComponent(text(data.requestId)!)}` : versionHref;
  const base = { at: row.occurredAt.toISOString(), version, who: row.actorName };
  const action = row.action as AnnotatedAction;
  switch (action) {
    case "promotion.approved":
      return { ...base, kind: "approval", title: `v${version} approved`, why: text(data.comment) ?? text(data.overrideReason), href: approvalHref };
    case "promotion.rejected":
      return { ...base, kind: "rejection", title: `v${version} rejected`, why: text(data.comment), href: approvalHref };
    case "alias.moved": {
      const alias = text(data.alias) ?? "alias";
      const previous = text(data.previousVersion);
      return { ...base, kind: "alias", title: `@${alias} → v${version}${previous ? ` (was v${previous})` : ""}`, why: null, href: versionHref };
    }
    case "rollout.started":
    case "rollout.advance":
    case "rollout.completed": {
      const step = text(data.step);
      const verb = action === "rollout.started" ? "rollout started" : action === "rollout.completed" ? "rollout completed" : "rollout advanced";
      return { ...base, kind: "rollout", title: `v${version} ${verb}${step && action !== "rollout.completed" ? `: ${step}` : ""}`, why: text(data.reason), href: rolloutHref };
    }
    case "rollout.rollback":
    case "rollout.abort":
      return { ...base, kind: "rollback", title: `v${version} ${action === "rollout.rollback" ? "rolled back" : "rollout aborted"}`, why: text(data.reason), href: rolloutHref };
  }
}
