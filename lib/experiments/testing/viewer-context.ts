import { permissionsOf } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";

/** A signed-in caller holding the given roles (a Viewer by default). */
export function contextWithRoles(roles: string[] = ["Stagegate.Viewer"]): RequestContext {
  return { user: { id: "u", oid: "o", tenantId: "t", name: "Test", email: null }, roles, permissions: permissionsOf(roles) };
}
