import type { Permission } from "@/lib/auth/permissions";

// The areas that exist, each with the permission its page checks. Later areas are added as they ship.
export interface NavItem {
  href: string;
  label: string;
  permission?: Permission;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/models", label: "Models", permission: "registry:read" },
  { href: "/experiments", label: "Experiments", permission: "lineage:read" },
  { href: "/approvals", label: "Approvals", permission: "registry:read" },
  { href: "/rollouts", label: "Rollouts", permission: "rollouts:read" },
  { href: "/audit", label: "Audit", permission: "audit:read" },
  { href: "/admin/policy", label: "Policy", permission: "policy:edit" },
  { href: "/admin/templates", label: "Templates", permission: "templates:edit" },
  { href: "/status", label: "System status", permission: "monitoring:read" },
];

/** The items a user may open; the pages check again themselves. */
export function navigationFor(permissions: ReadonlySet<Permission>): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || permissions.has(item.permission));
}
