import "server-only";
import type { RequestContext } from "@/lib/auth/request-context";
import { requirePermission } from "@/lib/auth/permissions";
import type { Readiness } from "./check-readiness";
import { currentReadiness } from "./current-readiness";

/** The status page's data: dependency details are for people who read monitoring. */
export async function readSystemStatus(ctx: RequestContext, check: () => Promise<Readiness> = currentReadiness): Promise<Readiness> {
  requirePermission(ctx, "monitoring:read");
  return check();
}
