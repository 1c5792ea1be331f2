import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDatabase } from "@/lib/db/database";
import { permissionsOf, type Permission } from "./permissions";
import { readSession } from "./sessions";
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
  const session = await readSession(prisma, token, new Date());
  if (!session) return null;
  const roles = session.roles ?? [];
  return {
    user: { id: session.user.id, oid: session.user.oid, tenantId: session.user.tenantId, name: session.user.name, email: session.user.email },
    roles,
    permissions: permissionsOf(roles),
  };
});

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
