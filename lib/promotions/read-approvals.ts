import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { Services } from "@/lib/services/services";
import { toRequestView } from "./request-view";

const HISTORY_PAGE = 50;

/** The approvals page: open requests (those this person may decide first) and decided history. */
export async function readApprovals(ctx: RequestContext, _input: Record<string, never>, services: Pick<Services, "db" | "now">) {
  requirePermission(ctx, "registry:read");
  const now = services.now();
  const [open, history] = await Promise.all([
    services.db.promotionRequest.findMany({ where: { status: "pending", expiresAt: { gt: now } }, include: { decisions: true }, orderBy: { createdAt: "asc" }, take: 200 }),
    services.db.promotionRequest.findMany({
      where: { OR: [{ status: { not: "pending" } }, { expiresAt: { lte: now } }] },
      include: { decisions: true },
      orderBy: { createdAt: "desc" },
      take: HISTORY_PAGE,
    }),
  ]);
  const openViews = open.map((row) => toRequestView(row, ctx, now));
  return {
    yours: openViews.filter((view) => view.viewer.canDecide),
    otherOpen: openViews.filter((view) => !view.viewer.canDecide),
    history: history.map((row) => toRequestView(row, ctx, now)),
    canDecideAny: ctx.permissions.has("promotions:decide"),
  };
}
