import "server-only";
import { getConfig } from "@/lib/config";
import { ConfigError } from "@/lib/config/schema";
import { getDatabase, type Database } from "@/lib/db/database";
import { getLogger } from "@/lib/log/logger";
import { startBackgroundWork } from "@/lib/outbox/background-work";
import { warmAppTokens } from "@/lib/sources/azure/azure-credential";

/**
 * Runs once as the server process starts. A bad setting stops the process with the readable
 * message; a database that does not answer yet does not (readiness reports it until it does).
 * The upstreams' app tokens are acquired meanwhile, without holding the start up.
 */
export async function onServerStart(): Promise<void> {
  try {
    void warmAppTokens(getConfig());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = getLogger();
  try {
    const database = await getDatabase();
    logger.info({ database: database.kind }, "database ready");
    closeDatabaseOnShutdown(database, await startBackgroundWork());
  } catch (error) {
    logger.error({ err: error }, "database not ready at start");
  }
}

/** The embedded database must be closed cleanly; PostgreSQL pools are ended for good measure. */
function closeDatabaseOnShutdown(database: Database, stopBackgroundWork: () => void): void {
  let closing = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      getLogger().info({ signal }, "shutting down");
      stopBackgroundWork();
      void database.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    });
  }
}
