import "server-only";
import { auditCheckpointHousekeeping } from "@/lib/audit/checkpoint-audit-head";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db/database";
import { APPLY_ALIAS_JOB, applyAliasJob } from "@/lib/promotions/apply-alias-job";
import { expireOverdueRequests } from "@/lib/promotions/expire-requests";
import { APPLY_TRAFFIC_JOB, applyTrafficJob } from "@/lib/rollouts/apply-traffic-job";
import { evaluateAutoRollouts } from "@/lib/rollouts/evaluate-auto-rollouts";
import { SET_CHAMPION_JOB, setChampionJob } from "@/lib/rollouts/set-champion-job";
import { backgroundServices } from "@/lib/services/request-services";
import { runOutboxOnce } from "./outbox-worker";

/**
 * Starts this replica's background loop: every BACKGROUND_POLL_MS it tries to become the leader
 * and, if it is, expires overdue requests and runs due outbox jobs. Passes never overlap. Jobs
 * that move an alias forget the process's cached MLflow reads of that model themselves; other
 * replicas read it within their cache's freshness.
 */
export async function startBackgroundWork(): Promise<() => void> {
  const database = await getDatabase();
  const services = await backgroundServices();
  const logger = services.log.child({ component: "background" });
  const handlers = {
    [APPLY_ALIAS_JOB]: applyAliasJob(services),
    [APPLY_TRAFFIC_JOB]: applyTrafficJob(services),
    [SET_CHAMPION_JOB]: setChampionJob(services),
  };
  const checkpointAudit = auditCheckpointHousekeeping(logger);
  // The leader's housekeeping: sign the audit chain's head outside the database, expire requests,
  // then let auto-mode rollouts advance or roll back.
  const housekeeping = async () => {
    await checkpointAudit(services);
    await expireOverdueRequests(services);
    const decisions = await evaluateAutoRollouts(services);
    for (const decision of decisions) {
      // Waiting is the usual state; waiting because the gates could not be read is logged, so the count towards a pause is visible.
      if (decision.outcome !== "waiting") logger.info(decision, "auto-mode rollout decision");
      else if (decision.why.startsWith("the gates could not be evaluated")) logger.warn(decision, "auto-mode rollout could not evaluate its gates");
    }
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
