import "server-only";
import { policyContentSchema, type PolicyContent } from "@/lib/domain/promotion-policy";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { latestVersion, type SettingsKind, type SettingsVersion } from "@/lib/settings/versioned-settings";

/** The promotion policy is one versioned setting; evidence names the version it was judged by. */
export const PROMOTION_POLICY: SettingsKind<PolicyContent> = {
  kind: "promotion_policy",
  describe: () => "the promotion policy",
  schema: policyContentSchema,
  auditAction: "policy.changed",
  subjectType: "promotion_policy",
};

export const POLICY_NAME = "default";

export type StoredPolicy = SettingsVersion<PolicyContent>;

/** The newest policy version; the migrations write version 1, so there always is one. */
export async function currentPolicy(db: PrismaClient | Prisma.TransactionClient): Promise<StoredPolicy> {
  const policy = await latestVersion(db, PROMOTION_POLICY, POLICY_NAME);
  if (!policy) throw new Error("No promotion policy is stored: the database is not migrated.");
  return policy;
}
