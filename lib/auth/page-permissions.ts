import { AuthorizationError, type Permission } from "./permissions";

// The permission each page's verb checks, by path, for the 403 page's sentence: Next renders
// app/forbidden.tsx alongside the page (before the page refuses), so it cannot be told which
// permission failed and looks it up here. The verbs still decide; this only words the refusal.
const PAGE_PERMISSIONS: [RegExp, Permission][] = [
  [/^\/admin\/policy(\/|$)/, "policy:edit"],
  [/^\/admin\/templates(\/|$)/, "templates:edit"],
  [/^\/admin\/slos(\/|$)/, "slos:edit"],
  [/^\/audit(\/|$)/, "audit:read"],
  [/^\/status(\/|$)/, "monitoring:read"],
  [/^\/monitoring(\/|$)/, "monitoring:read"],
  [/^\/slos(\/|$)/, "monitoring:read"],
  [/^\/rollouts\/new(\/|$)/, "rollouts:draft"],
  [/^\/rollouts(\/|$)/, "rollouts:read"],
  [/^\/models\/[^/]+\/versions\//, "lineage:read"],
  [/^\/models(\/|$)/, "registry:read"],
  [/^\/experiments(\/|$)/, "lineage:read"],
  [/^\/approvals(\/|$)/, "registry:read"],
];

/** What a person refused at this path is told: the role to ask for, or a general sentence. */
export function refusalMessageFor(path: string | null): string {
  const permission = path ? PAGE_PERMISSIONS.find(([pattern]) => pattern.test(path))?.[1] : undefined;
  return permission
    ? new AuthorizationError(permission).message
    : "Your Stagegate roles do not open this page. Ask whoever manages Stagegate's app roles in Microsoft Entra ID for the role you need.";
}
