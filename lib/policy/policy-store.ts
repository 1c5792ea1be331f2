import "server-only";
import { policyContentSchema, type PolicyContent } from "@/lib/domain/promotion-policy";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";

export interface StoredPolicy {
  version: number;
  content: PolicyContent;
  createdAt: Date;
  createdByName: string;
  changeNote: string;
}

/** The newest policy version; the initial migration writes version 1, so there always is one. */
export async function currentPolicy(db: PrismaClient | Prisma.TransactionClient): Promise<StoredPolicy> {
  const row = await db.promotionPolicy.findFirst({ orderBy: { version: "desc" } });
  if (!row) throw new Error("No promotion policy is stored: the database is not migrated.");
  return toStoredPolicy(row);
}

export function toStoredPolicy(row: { version: number; content: unknown; createdAt: Date; createdByName: string; changeNote: string }): StoredPolicy {
  return { version: row.version, content: policyContentSchema.parse(row.content), createdAt: row.createdAt, createdByName: row.createdByName, changeNote: row.changeNote };
}
