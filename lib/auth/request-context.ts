import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db/database";
import { getLogger } from "@/lib/log/logger";
import { getEntra } from "./entra";
import { permissionsOf, type Permission } from "./permissions";
import { confirmSessionRoles, isRoleRecheckDue, readSession, roleRecheckIntervalMs, type RoleRecheckDeps } from "./sessions";
import { sessionCookieSpec } from "./http";

/** Who is asking: what every server-side verb takes and checks first. */
export interface RequestContext {
  user: { id: string; oid: string; tenantId: string; name: string; email: string | null };
  roles: string[];
  permissions: ReadonlySet<Permission>;
}

// Permissions that open a page; Pipeline's gate-api:read does not.
const PAGE_PERMISSIONS: Permission[] = ["registry:read", "kpi:read", "costs:read", "policy:edit", "audit:read"];

/** Only the cookie this origin sets: under https a plain-named one could be planted by a sibling domain. */
export async function currentSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookieSpec().name)?.value;
}

/** The signed-in user of this request, or null; read once per request. */
export const getRequestContext = cache(async (): Promise<RequestContext | null> => {
  const token = await currentSessionToken();
  if (!token) return null;
  const { prisma } = await getDatabase();
  const now = new Date();
  const read = await readSession(prisma, token, now);
  if (!read) return null;
  // Roles come from Entra at sign-in and are confirmed again every ROLE_RECHECK_MINUTES, here, so
  // every verb sees the current ones (a removed role stops working within the interval).
  const intervalMs = roleRecheckIntervalMs(getConfig().ROLE_RECHECK_MINUTES);
  const session = isRoleRecheckDue(read.rolesCheckedAt, now, intervalMs) ? await confirmSessionRoles(prisma, read, now, entraRoleRecheck(intervalMs)) : read;
  if (!session) return null;
  const roles = session.roles ?? [];
  return {
    user: { id: session.user.id, oid: session.user.oid, tenantId: session.user.tenantId, name: session.user.name, email: session.user.email },
    roles,
    permissions: permissionsOf(roles),
  };
});

function entraRoleRecheck(intervalMs: number): RoleRecheckDeps {
  const entra = getEntra();
  return {
    intervalMs,
    sealer: entra.refreshTokens,
    askEntra: (input) => entra.recheckRoles(input),
    report: ({ sessionUserId, decision, detail }) => {
      const fields = { userId: sessionUserId, decision, detail };
      if (decision === "store") getLogger().info(fields, "session roles re-checked with Entra ID");
      else getLogger().warn(fields, "session roles could not be confirmed with Entra ID");
    },
  };
}

export function hasAnyPagePermission(context: RequestContext): boolean {
  return PAGE_PERMISSIONS.some((permission) => context.permissions.has(permission));
}

/** For pages: sign in first, and a user without a Stagegate role goes to the page that says which to ask for. */
export async function requirePageContext(returnTo: string): Promise<RequestContext> {
  const context = await getRequestContext();
  if (!context) redirect(`/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  if (!hasAnyPagePermission(context)) redirect("/no-role");
  return context;
}
