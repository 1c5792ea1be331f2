import "server-only";
import { getDatabase } from "@/lib/db/database";
import { currentRequestId } from "@/lib/log/request-logger";
import { getMlflowClient, mlflowReadCache } from "@/lib/sources/mlflow";
import { readPromotionInputs } from "./mlflow-promotion-inputs";
import type { PromotionDeps } from "./promotion-deps";

/**
 * The real database, MLflow and clock. Decisions read MLflow fresh; pages that only display the
 * policy's results read through the cache, so they stay fast and survive an MLflow outage.
 */
export async function promotionDeps(options: { cachedReads?: boolean } = {}): Promise<PromotionDeps> {
  const { prisma } = await getDatabase();
  const fresh = (model: string, version: string) => readPromotionInputs(getMlflowClient(), model, version, new Date());
  return {
    prisma,
    readInputs: options.cachedReads
      ? async (model, version) => {
          const cached = await mlflowReadCache.read(`promotion-inputs:${model}/${version}`, () => fresh(model, version));
          return cached.staleBecause ? { ...cached.value, fallbackReason: cached.staleBecause } : cached.value;
        }
      : fresh,
    now: () => new Date(),
    requestId: await currentRequestId(),
  };
}

/** After a write that changes what MLflow holds (an alias moved), pages read it again. */
export function forgetCachedInputs(model: string): void {
  mlflowReadCache.invalidate(`promotion-inputs:${model}/`);
}
