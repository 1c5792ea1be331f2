import "server-only";
import { requirePermission } from "./permissions";
import type { RequestContext } from "./request-context";

/** What a pipeline sees of itself: enough to debug its app registration and role assignment. */
export function describeCaller(ctx: RequestContext & { appId: string }) {
  requirePermission(ctx, "gate-api:read");
  return { appId: ctx.appId, tenantId: ctx.user.tenantId, roles: ctx.roles };
}
