import type { Permission } from "@/lib/auth/permissions";

// The areas that exist, each with the permission its page checks and what it is for: the header's
// navigation and the overview's list are both made from this one list, so neither goes stale.
export interface NavItem {
  href: string;
  label: string;
  permission?: Permission;
  /** What the area shows, for the overview page. */
  description?: string;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/models", label: "Models", permission: "registry:read", description: "the MLflow registry: versions, lineage from data to deployment, the promotion policy against the champion" },
  { href: "/experiments", label: "Experiments", permission: "lineage:read", description: "runs with MLflow's filter grammar, sortable, with metric history charts" },
  { href: "/approvals", label: "Approvals", permission: "registry:read", description: "promotion requests, decisions with evidence, and the alias each approval set in MLflow" },
  { href: "/rollouts", label: "Rollouts", permission: "rollouts:read", description: "canary rollouts on Azure ML online endpoints: shadow, then 10/25/50/100 %, each step gated on live latency, errors and the business KPI" },
  { href: "/monitoring", label: "Monitoring", permission: "monitoring:read", description: "drift, lift and data health per model on one time axis with Stagegate's decisions" },
  { href: "/audit", label: "Audit", permission: "audit:read", description: "every decision and change, hash-chained, filterable and exportable as CSV" },
  { href: "/admin/policy", label: "Policy", permission: "policy:edit", description: "the rules, quorum and expiry every promotion is judged by, versioned" },
  { href: "/admin/templates", label: "Templates", permission: "templates:edit", description: "the steps, bake times and gate thresholds rollouts start from, versioned" },
  { href: "/admin/slos", label: "SLO settings", permission: "slos:edit", description: "each SLO's good-event threshold, target, period, owner and runbook, versioned" },
  { href: "/status", label: "System status", permission: "monitoring:read" },
];

/** Areas planned but not built yet; each moves into NAV_ITEMS when it ships. */
export const COMING_AREAS = [
  { name: "SLOs and error budgets", description: "the four SLOs with multi-window burn-rate alerts" },
  { name: "Cost", description: "cost per experiment and per 1k predictions, budgets and anomalies" },
  { name: "Business impact", description: "KPI and ROI per model, version and canary" },
] as const;

/** The items a user may open; the pages check again themselves. */
export function navigationFor(permissions: ReadonlySet<Permission>): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || permissions.has(item.permission));
}
