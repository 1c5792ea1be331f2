import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Prisma } from "@/lib/db/generated/client";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { Services } from "@/lib/services/services";
import { SYSTEM_ACTOR, versionSubject } from "./subjects";

/** Marks pending requests past their expiry as expired, each with its audit event (inside the caller's transaction). */
export async function expireDueRequests(tx: Prisma.TransactionClient, now: Date, only?: { modelName: string; modelVersion: string }): Promise<number> {
  const due = await tx.promotionRequest.findMany({ where: { status: "pending", expiresAt: { lte: now }, ...only }, select: { id: true, modelName: true, modelVersion: true, expiresAt: true } });
  for (const request of due) {
    const { count } = await tx.promotionRequest.updateMany({ where: { id: request.id, status: "pending" }, data: { status: "expired", decidedAt: now } });
    if (count === 0) continue;
    await appendAuditEvent(tx, {
      actorId: SYSTEM_ACTOR.id,
      actorName: SYSTEM_ACTOR.name,
      action: "promotion.expired",
      ...versionSubject(request.modelName, request.modelVersion),
      data: { requestId: request.id, expiredAt: request.expiresAt.toISOString() },
    });
  }
  return due.length;
}

/** The background leader's sweep: every overdue request expired, in one transaction. */
export function expireOverdueRequests(services: Pick<Services, "db" | "now">): Promise<number> {
  return writeTransaction(services.db, (tx) => expireDueRequests(tx, services.now()));
}
