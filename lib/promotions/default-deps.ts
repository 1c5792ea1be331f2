import "server-only";
import { getDatabase } from "@/lib/db/database";
import { currentRequestId } from "@/lib/log/request-logger";
import { getMlflowClient } from "@/lib/sources/mlflow";
import { readPromotionInputs } from "./mlflow-promotion-inputs";
import type { PromotionDeps } from "./promotion-deps";

/** The real database, MLflow and clock, for pages, actions and the API. */
export async function promotionDeps(): Promise<PromotionDeps> {
  const { prisma } = await getDatabase();
  return {
    prisma,
    readInputs: (model, version) => readPromotionInputs(getMlflowClient(), model, version, new Date()),
    now: () => new Date(),
    requestId: await currentRequestId(),
  };
}
