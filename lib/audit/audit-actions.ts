// Every kind of audit event Stagegate writes. The audit page filters by these and the verifier
// reads them back, so an action is added here, never spelled out where it is written.
export const AUDIT_ACTIONS = [
  "user.signed_in",
  "policy.changed",
  "template.changed",
  "slo.definition_saved",
  "promotion.requested",
  "promotion.approved",
  "promotion.rejected",
  "promotion.expired",
  "alias.moved",
  "alias.apply_failed",
  "rollout.drafted",
  "rollout.discarded",
  "rollout.started",
  "rollout.advance",
  "rollout.pause",
  "rollout.resume",
  "rollout.rollback",
  "rollout.abort",
  "rollout.reapply",
  "rollout.adopt",
  "rollout.auto-on",
  "rollout.auto-off",
  "rollout.completed",
  "rollout.completion_confirmation_requested",
  "rollout.traffic_applied",
  "rollout.apply_failed",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
