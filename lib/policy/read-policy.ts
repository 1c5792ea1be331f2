import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { PrismaClient } from "@/lib/db/generated/client";
import { currentPolicy, toStoredPolicy } from "./policy-store";

/** The policy an Admin edits, with its earlier versions (newest first). */
export async function readPolicyForEditing(ctx: RequestContext, deps: { prisma: PrismaClient }) {
  requirePermission(ctx, "policy:edit");
  const [current, history] = await Promise.all([
    currentPolicy(deps.prisma),
    deps.prisma.promotionPolicy.findMany({ orderBy: { version: "desc" }, take: 50 }),
  ]);
  return { current, history: history.map(toStoredPolicy) };
}
