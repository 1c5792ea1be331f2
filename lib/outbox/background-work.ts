import "server-only";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db/database";
import { getLogger } from "@/lib/log/logger";
import { APPLY_ALIAS_JOB, applyAliasJob } from "@/lib/promotions/apply-alias-job";
import { expireDueRequests } from "@/lib/promotions/expire-requests";
import { forgetCachedInputs } from "@/lib/promotions/default-deps";
import { forgetModel } from "@/lib/registry/cache-keys";
import { getMlflowClient, mlflowReadCache } from "@/lib/sources/mlflow";
import type { TrafficSplit } from "@/lib/domain/rollout-plan";
import { APPLY_TRAFFIC_JOB, applyTrafficJob } from "@/lib/rollouts/apply-traffic-job";
import { rolloutDeps } from "@/lib/rollouts/default-deps";
import { evaluateAutoRollouts } from "@/lib/rollouts/evaluate-auto-rollouts";
import { SET_CHAMPION_JOB, setChampionJob } from "@/lib/rollouts/set-champion-job";
import { getAzureMlClient } from "@/lib/sources/azure-ml";
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
  const trafficWriter = () => (endpoint: string, split: TrafficSplit) => getAzureMlClient().setTraffic(endpoint, split);
  const handlers = {
    [APPLY_ALIAS_JOB]: applyAliasJob(database.prisma, getMlflowClient, onAliasMoved),
    [APPLY_TRAFFIC_JOB]: applyTrafficJob(database.prisma, trafficWriter),
    [SET_CHAMPION_JOB]: setChampionJob(database.prisma, getMlflowClient, onAliasMoved),
  };
  // The leader's housekeeping: expire requests, then let auto-mode rollouts advance or roll back.
  const housekeeping = async () => {
    await database.prisma.$transaction((tx) => expireDueRequests(tx, new Date()));
    const decisions = await evaluateAutoRollouts(await rolloutDeps());
    for (const decision of decisions.filter((entry) => entry.outcome !== "waiting")) logger.info(decision, "auto-mode rollout decision");
  };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await runOutboxOnce({
        database,
        handlers,
        logger,
        housekeeping,
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
