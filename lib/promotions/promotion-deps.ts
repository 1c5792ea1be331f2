import "server-only";
import type { PromotionInputs } from "@/lib/domain/promotion-evidence";
import type { PrismaClient } from "@/lib/db/generated/client";

/** What the promotion verbs need from the outside world; tests pass fakes, pages the real ones. */
export interface PromotionDeps {
  prisma: PrismaClient;
  readInputs: (model: string, version: string) => Promise<PromotionInputs>;
  now: () => Date;
  requestId: string | null;
}

export const SYSTEM_ACTOR = { id: "stagegate", name: "Stagegate (automatic)" } as const;

export function versionSubject(model: string, version: string) {
  return { subjectType: "model_version", subjectId: `${model}/${version}` } as const;
}
