import "server-only";
import { getConfig } from "@/lib/config";
import { appCredential } from "../azure/azure-credential";
import { ReadCache } from "../read-cache";
import { LogAnalyticsClient, LogAnalyticsError } from "./log-analytics-client";

export { LogAnalyticsClient, LogAnalyticsError, type LogsQuery } from "./log-analytics-client";
export { logsColumn } from "./log-analytics-rows";
export * from "./kql-parameters";

/** How long a Log Analytics answer is served before it is asked again: the pollers' refresh interval. */
export const LOG_ANALYTICS_FRESH_MS = 15_000;

// On globalThis: route handlers and Server Components may load separate copies of this module, and
// one client (token cache) and one read cache must serve them all.
const holder = globalThis as unknown as { stagegateLogAnalytics?: LogAnalyticsClient; stagegateLogAnalyticsCache?: ReadCache };

/** The app's client, from LOG_ANALYTICS_ENDPOINT and LOG_ANALYTICS_WORKSPACE_ID with the app registration's identity. */
export function getLogAnalyticsClient(): LogAnalyticsClient {
  if (holder.stagegateLogAnalytics) return holder.stagegateLogAnalytics;
  const config = getConfig();
  const notConfigured = (why: string) => new LogAnalyticsError(`Log Analytics is not configured: ${why}`, undefined, "NOT_CONFIGURED", false);
  if (!config.LOG_ANALYTICS_ENDPOINT || !config.LOG_ANALYTICS_WORKSPACE_ID) {
    throw notConfigured("set LOG_ANALYTICS_ENDPOINT and LOG_ANALYTICS_WORKSPACE_ID to read endpoint telemetry.");
  }
  let credential: ReturnType<typeof appCredential>;
  try {
    credential = appCredential(config);
  } catch (error) {
    throw notConfigured(error instanceof Error ? error.message : String(error));
  }
  holder.stagegateLogAnalytics = new LogAnalyticsClient({
    endpoint: config.LOG_ANALYTICS_ENDPOINT,
    workspaceId: config.LOG_ANALYTICS_WORKSPACE_ID,
    credential,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
  });
  return holder.stagegateLogAnalytics;
}

/**
 * Summaries read from Log Analytics, shared by every reader of the process: however many pollers
 * ask, each query key reaches Log Analytics once per LOG_ANALYTICS_FRESH_MS (concurrent readers of
 * a stale key share one call), and an outage serves the last good answer with its age. For one
 * more interval a stale answer is served at once while its refresh runs, so no poller waits on a
 * query that takes seconds.
 */
export function logAnalyticsReadCache(): ReadCache {
  holder.stagegateLogAnalyticsCache ??= new ReadCache({ freshMs: LOG_ANALYTICS_FRESH_MS, serveStaleMs: LOG_ANALYTICS_FRESH_MS, maxEntries: 1000 });
  return holder.stagegateLogAnalyticsCache;
}
