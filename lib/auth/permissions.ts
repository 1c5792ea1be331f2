// The one permission matrix: which Entra app role (DESIGN.md, "Who uses it") may do what. Every
// server-side verb checks one of these permissions first; pages only hide what the verb refuses.
// Pure (no I/O), so verbs, pages and the navigation share the same answer.

/** Stagegate's Entra app role values, in the order DESIGN.md lists them. */
export const ROLES = [
  "Stagegate.Viewer",
  "Stagegate.MLEngineer",
  "Stagegate.MLLead",
  "Stagegate.ProductOwner",
  "Stagegate.FinOps",
  "Stagegate.Admin",
  "Stagegate.Pipeline",
] as const;
export type Role = (typeof ROLES)[number];

/** What each permission lets its holder do, phrased to follow "to …" in messages. */
const PERMISSION_ACTIONS = {
  "registry:read": "read the model registry",
  "lineage:read": "read lineage",
  "rollouts:read": "read rollouts",
  "monitoring:read": "read monitoring",
  "promotions:request": "request a promotion",
  "rollouts:draft": "draft a rollout plan",
  "promotions:decide": "approve or reject a promotion",
  "rollouts:operate": "start, advance, pause, resume or abort a rollout",
  "rollouts:rollback": "roll back a rollout",
  "gates:override": "override a failed gate",
  "kpi:read": "read the KPI pages",
  "roi:read": "read the ROI pages",
  "costs:read": "read cost per experiment and per 1k predictions",
  "budgets:read": "read budgets",
  "policy:edit": "view and edit the promotion policy",
  "slos:edit": "view and edit SLOs",
  "templates:edit": "view and edit rollout templates",
  "audit:read": "read the audit trail",
  "gate-api:read": "call the gate API",
} as const;
export type Permission = keyof typeof PERMISSION_ACTIONS;

export const PERMISSIONS = Object.keys(PERMISSION_ACTIONS) as Permission[];

const VIEWER_READS = ["registry:read", "lineage:read", "rollouts:read", "monitoring:read"] as const;
const ENGINEER_ACTIONS = [...VIEWER_READS, "promotions:request", "rollouts:draft"] as const;

// Each role is literal to DESIGN.md; a person who needs more is assigned several roles and gets the
// union. Promotion requests and their evidence are part of the registry, so registry:read shows them.
const GRANTS: Record<Role, readonly Permission[]> = {
  "Stagegate.Viewer": VIEWER_READS,
  "Stagegate.MLEngineer": ENGINEER_ACTIONS,
  "Stagegate.MLLead": [
    ...ENGINEER_ACTIONS,
    "promotions:decide",
    "rollouts:operate",
    "rollouts:rollback",
    "gates:override",
  ],
  "Stagegate.ProductOwner": [...VIEWER_READS, "kpi:read", "roi:read"],
  // DESIGN gives FinOps the cost pages only, not what Viewer reads; cost rows name their experiment
  // and endpoint themselves, so the pages need no registry access.
  "Stagegate.FinOps": ["costs:read", "budgets:read"],
  // Admin edits settings and reads nothing else by default (editing covers viewing those settings).
  // The audit trail sits here: it is oversight of everyone's decisions, MLLeads' included, and each
  // decision's own evidence is already shown to readers of its area.
  "Stagegate.Admin": ["policy:edit", "slos:edit", "templates:edit", "audit:read"],
  // An application role: client-credentials callers reach only the JSON gate API.
  "Stagegate.Pipeline": ["gate-api:read"],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Everything the given roles allow together; role strings Stagegate does not know grant nothing. */
export function permissionsOf(roles: readonly string[]): ReadonlySet<Permission> {
  return new Set(roles.filter(isRole).flatMap((role) => GRANTS[role]));
}

export function can(roles: readonly string[], permission: Permission): boolean {
  return roles.some((role) => isRole(role) && GRANTS[role].includes(permission));
}

/** The roles that grant a permission, for the "ask for a role" page and refusal messages. */
export function rolesGranting(permission: Permission): Role[] {
  return ROLES.filter((role) => GRANTS[role].includes(permission));
}

/** A refusal to show the user: what they tried and which role to ask for. */
export class AuthorizationError extends Error {
  readonly kind = "authorization";
  readonly status = 403;
  readonly grantingRoles: Role[];

  constructor(readonly permission: Permission) {
    const grantingRoles = rolesGranting(permission);
    super(
      `You need the ${grantingRoles.join(" or ")} role to ${PERMISSION_ACTIONS[permission]}. ` +
        "Ask whoever manages Stagegate's app roles in Microsoft Entra ID to assign it to you.",
    );
    this.name = "AuthorizationError";
    this.grantingRoles = grantingRoles;
  }
}

/** The first line of every verb: throws AuthorizationError unless the caller's roles allow it. */
export function requirePermission(ctx: { roles: readonly string[] }, permission: Permission): void {
  if (!can(ctx.roles, permission)) throw new AuthorizationError(permission);
}

/** Recognised by its `kind`, not instanceof: Next bundles this module more than once. */
export function isAuthorizationError(error: unknown): error is AuthorizationError {
  return typeof error === "object" && error !== null && (error as { kind?: unknown }).kind === "authorization";
}
