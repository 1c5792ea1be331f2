import "server-only";
import { getConfig } from "@/lib/config";
import { processSingleton } from "@/lib/services/process-singletons";
import { appCredential } from "../azure/azure-credential";
import { ReadCache } from "../read-cache";
import type { Upstream } from "../upstream";
import { UpstreamNotConfiguredError } from "../upstream-error";
import { LOG_ANALYTICS_UPSTREAM, LogAnalyticsClient } from "./log-analytics-client";

export { LOG_ANALYTICS_UPSTREAM, LogAnalyticsClient, LogAnalyticsError, type LogsQuery } from "./log-analytics-client";
export { logsColumn } from "./log-analytics-rows";
export * from "./kql-parameters";

/** How long a Log Analytics answer is served before it is asked again: the pollers' refresh interval. */
export const LOG_ANALYTICS_FRESH_MS = 15_000;

function createLogAnalyticsClient(): LogAnalyticsClient {
  const config = getConfig();
  const notConfigured = (why: string, missing: string[]) => new UpstreamNotConfiguredError(LOG_ANALYTICS_UPSTREAM, `Log Analytics is not configured: ${why}`, missing);
  if (!config.LOG_ANALYTICS_ENDPOINT || !config.LOG_ANALYTICS_WORKSPACE_ID) {
    throw notConfigured("set LOG_ANALYTICS_ENDPOINT and LOG_ANALYTICS_WORKSPACE_ID to read endpoint telemetry.", ["LOG_ANALYTICS_ENDPOINT", "LOG_ANALYTICS_WORKSPACE_ID"]);
  }
  let credential: ReturnType<typeof appCredential>;
  try {
    credential = appCredential(config);
  } catch (error) {
    throw notConfigured(error instanceof Error ? error.message : String(error), ["ENTRA_CLIENT_ID", "ENTRA_CLIENT_SECRET"]);
  }
  return new LogAnalyticsClient({ endpoint: config.LOG_ANALYTICS_ENDPOINT, workspaceId: config.LOG_ANALYTICS_WORKSPACE_ID, credential, timeoutMs: config.UPSTREAM_TIMEOUT_MS });
}

/**
 * Log Analytics for the whole process. However many pollers ask, each query key reaches Log
 * Analytics once per LOG_ANALYTICS_FRESH_MS (concurrent readers of a stale key share one call), and
 * an outage serves the last good answer with its age. For one more interval a stale answer is
 * served at once while its refresh runs, so no poller waits on a query that takes seconds.
 */
export function logAnalyticsUpstream(): Upstream<LogAnalyticsClient> {
  return processSingleton("upstream:log-analytics", () => ({
    client: () => processSingleton("client:log-analytics", createLogAnalyticsClient),
    cache: new ReadCache({ freshMs: LOG_ANALYTICS_FRESH_MS, serveStaleMs: LOG_ANALYTICS_FRESH_MS, maxEntries: 1000, capMs: getConfig().UPSTREAM_READ_FRESH_MS }),
  }));
}
