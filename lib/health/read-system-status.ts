import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { Services } from "@/lib/services/services";
import type { Readiness } from "./check-readiness";
import { readinessThrough } from "./current-readiness";

/** The status page's data: dependency details are for people who read monitoring. */
export async function readSystemStatus(ctx: RequestContext, _input: Record<string, never>, services: Pick<Services, "db">): Promise<Readiness> {
  requirePermission(ctx, "monitoring:read");
  return readinessThrough(services.db);
}
