import type { Logger } from "pino";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { AzureMlClient } from "@/lib/sources/azure-ml/azure-ml-client";
import type { LogAnalyticsClient } from "@/lib/sources/log-analytics/log-analytics-client";
import type { MlflowClient } from "@/lib/sources/mlflow/mlflow-client";
import type { ReadHints } from "@/lib/sources/read-hints";
import type { Upstream } from "@/lib/sources/upstream";

/**
 * What a verb reaches the world through: the third argument of every verb,
 * `verb(ctx, input, services)`. Built in one place per request (request-services.ts) or per
 * background job; tests build it from fakes (testing/test-services.ts). A verb types the part it
 * uses, e.g. `Pick<Services, "db" | "mlflow">`, so a test fakes only that.
 */
export interface Services {
  db: PrismaClient;
  mlflow: Upstream<MlflowClient>;
  /** Azure Resource Manager: the workspace's online endpoints and deployments. */
  azureMl: Upstream<AzureMlClient>;
  logAnalytics: Upstream<LogAnalyticsClient>;
  /** Upstream ids learnt by earlier reads, so dependent reads can start beside the first (lib/sources/read-hints.ts). */
  hints: ReadHints;
  now: () => Date;
  /** The request's id for audit rows and logs; null for background work. */
  requestId: string | null;
  log: Logger;
}

export type { Upstream };
