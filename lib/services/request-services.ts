import "server-only";
import { cache } from "react";
import { getDatabase } from "@/lib/db/database";
import { getLogger } from "@/lib/log/logger";
import { currentRequestId } from "@/lib/log/request-logger";
import { azureMlUpstream } from "@/lib/sources/azure-ml";
import { logAnalyticsUpstream } from "@/lib/sources/log-analytics";
import { mlflowUpstream } from "@/lib/sources/mlflow";
import { DatabaseReadHints } from "@/lib/sources/read-hints";
import { processSingleton } from "./process-singletons";
import type { Services } from "./services";

/** The one place the real services are put together; the process's clients and caches are shared by all. */
export async function servicesFor(requestId: string | null): Promise<Services> {
  const { prisma } = await getDatabase();
  return {
    db: prisma,
    mlflow: mlflowUpstream(),
    azureMl: azureMlUpstream(),
    logAnalytics: logAnalyticsUpstream(),
    // One per process: its memo spares later reads the hints query.
    hints: processSingleton("read-hints", () => new DatabaseReadHints(async () => (await getDatabase()).prisma, getLogger())),
    now: () => new Date(),
    requestId,
    log: getLogger().child({ requestId }),
  };
}

/** The current request's services (pages, route handlers, server actions), built once per request. */
export const requestServices = cache(async (): Promise<Services> => servicesFor(await currentRequestId().catch(() => null)));

/** For the background worker and scripts: no request, so no request id. */
export function backgroundServices(): Promise<Services> {
  return servicesFor(null);
}
