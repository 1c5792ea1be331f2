import "server-only";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db/database";
import { getLogger } from "@/lib/log/logger";
import { APPLY_ALIAS_JOB, applyAliasJob } from "@/lib/promotions/apply-alias-job";
import { expireDueRequests } from "@/lib/promotions/expire-requests";
import { forgetCachedInputs } from "@/lib/promotions/default-deps";
import { forgetModel } from "@/lib/registry/cache-keys";
import { getMlflowClient, mlflowReadCache } from "@/lib/sources/mlflow";
import { runOutboxOnce } from "./outbox-worker";

/**
 * Starts this replica's background loop: every BACKGROUND_POLL_MS it tries to become the leader
 * and, if it is, expires overdue requests and runs due outbox jobs. Passes never overlap.
 */
export async function startBackgroundWork(): Promise<() => void> {
  const database = await getDatabase();
  const logger = getLogger().child({ component: "background" });
  // Pages of this replica read the moved alias at once; other replicas within their cache's 15 s.
  const onAliasMoved = (model: string) => {
    forgetModel(mlflowReadCache, model);
    forgetCachedInputs(model);
  };
  const handlers = { [APPLY_ALIAS_JOB]: applyAliasJob(database.prisma, getMlflowClient, onAliasMoved) };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await runOutboxOnce({
        database,
        handlers,
        logger,
        housekeeping: () => database.prisma.$transaction((tx) => expireDueRequests(tx, new Date())).then(() => undefined),
      });
    } catch (error) {
      logger.error({ err: error }, "background pass failed");
    }
    if (!stopped) timer = setTimeout(tick, getConfig().BACKGROUND_POLL_MS);
  };
  timer = setTimeout(tick, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
