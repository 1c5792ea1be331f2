import "server-only";
import path from "node:path";
import { getConfig, type AppConfig } from "@/lib/config";
import { forgetProcessSingleton, processSingleton } from "@/lib/services/process-singletons";
import { openDatabase, type Database, type DatabaseTarget } from "./open-database";
import { applyPendingMigrations } from "./migrations/apply-migrations";

/** The one place that decides between PostgreSQL and the embedded database. */
export function databaseTargetFor(config: AppConfig): DatabaseTarget {
  return config.DATABASE_URL
    ? { kind: "postgresql", url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }
    : { kind: "embedded", dataDir: path.join(config.DATA_DIR, "pglite") };
}

const DATABASE = "database";

/**
 * The process-wide database. The embedded one is migrated on first open, PostgreSQL when
 * DATABASE_MIGRATE_ON_START is set (safe with many replicas: the runner takes an advisory lock).
 */
export function getDatabase(): Promise<Database> {
  // One pool (or one PGlite instance) for every bundle's copy of this module.
  return processSingleton(DATABASE, () =>
    (async () => {
      const config = getConfig();
      const database = await openDatabase(databaseTargetFor(config));
      if (database.kind === "embedded" || config.DATABASE_MIGRATE_ON_START) await applyPendingMigrations(database);
      return database;
    })().catch((error: unknown) => {
      forgetProcessSingleton(DATABASE);
      throw error;
    }),
  );
}

export type { Database, DatabaseKind } from "./open-database";
