import "server-only";
import { getConfig } from "@/lib/config";
import { configuredUpstreams } from "@/lib/config/schema";
import { databaseTargetFor, getDatabase } from "@/lib/db/database";
import { checkReadiness, type Readiness } from "./check-readiness";

/** Readiness of this process with its configured database and upstreams. */
export function currentReadiness(): Promise<Readiness> {
  const config = getConfig();
  return checkReadiness({
    databaseKind: databaseTargetFor(config).kind,
    openDatabase: getDatabase,
    upstreams: configuredUpstreams(config),
    timeoutMs: Math.min(config.UPSTREAM_TIMEOUT_MS, 3000),
  });
}
