import "server-only";
import { getConfig } from "@/lib/config";
import { configuredUpstreams } from "@/lib/config/schema";
import { databaseTargetFor, getDatabase } from "@/lib/db/database";
import type { PrismaClient } from "@/lib/db/generated/client";
import { checkReadiness, type Readiness } from "./check-readiness";

function readinessOfThisProcess(queryDatabase: () => Promise<unknown>): Promise<Readiness> {
  const config = getConfig();
  return checkReadiness({
    databaseKind: databaseTargetFor(config).kind,
    queryDatabase,
    upstreams: configuredUpstreams(config),
    timeoutMs: Math.min(config.UPSTREAM_TIMEOUT_MS, 3000),
  });
}

/**
 * Readiness of this process with its configured database and upstreams, for probes: the database
 * is opened here, so one that cannot be opened reads as not ready instead of failing the probe.
 */
export function currentReadiness(): Promise<Readiness> {
  return readinessOfThisProcess(async () => (await getDatabase()).prisma.$queryRaw`SELECT 1`);
}

/** The same check through a database client the caller already has (a request's services). */
export function readinessThrough(db: PrismaClient): Promise<Readiness> {
  return readinessOfThisProcess(() => db.$queryRaw`SELECT 1`);
}
