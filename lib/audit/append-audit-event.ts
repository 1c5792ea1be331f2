import "server-only";
import { auditHash, auditMac, GENESIS_HASH } from "@/lib/domain/audit-chain";
import type { JsonValue } from "@/lib/domain/canonical-json";
import type { Prisma } from "@/lib/db/generated/client";
import type { AuditAction } from "./audit-actions";
import { configuredAuditKeyring } from "./audit-keys";

// One writer at a time extends the chain; the lock is released when the transaction ends.
const AUDIT_CHAIN_LOCK_KEY = 5_730_001;

export interface AuditEventInput {
  actorId: string;
  actorName: string;
  action: AuditAction;
  subjectType: string;
  subjectId: string;
  data: JsonValue;
  requestId?: string | null;
}

/**
 * Appends one event to the hash chain. Call it inside the transaction that makes the change it
 * records, so the event and the change commit or roll back together. With a MAC key configured
 * the row carries HMAC(key, hash), which the database's owner cannot recompute.
 */
export async function appendAuditEvent(tx: Prisma.TransactionClient, input: AuditEventInput) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const content = {
    seq: (last?.seq ?? 0n) + 1n,
    occurredAt: new Date(),
    actorId: input.actorId,
    actorName: input.actorName,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    data: input.data,
    requestId: input.requestId ?? null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = auditHash(prevHash, content);
  const key = configuredAuditKeyring().current;
  return tx.auditEvent.create({
    data: {
      ...content,
      data: content.data as Prisma.InputJsonValue,
      prevHash,
      hash,
      mac: key ? auditMac(key.secret, hash) : null,
      macKeyId: key?.id ?? null,
    },
  });
}
