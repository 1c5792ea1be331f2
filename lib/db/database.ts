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

/**
 * Where migrations run: the role that owns the tables (DATABASE_MIGRATION_URL) when the app runs
 * as a separate runtime role, otherwise the app's own database. The embedded one has one user.
 */
export function migrationTargetFor(config: AppConfig): DatabaseTarget {
  const target = databaseTargetFor(config);
  return target.kind === "postgresql" && config.DATABASE_MIGRATION_URL ? { kind: "postgresql", url: config.DATABASE_MIGRATION_URL, poolSize: 1 } : target;
}

/** Applies pending migrations as the owner role when one is configured, else on `database` itself. */
async function migrateAtStart(config: AppConfig, database: Database): Promise<void> {
  if (database.kind === "embedded" || !config.DATABASE_MIGRATION_URL) {
    await applyPendingMigrations(database);
    return;
  }
  const owner = await openDatabase(migrationTargetFor(config));
  try {
    await applyPendingMigrations(owner);
  } finally {
    await owner.close();
  }
}

const DATABASE = "database";

/**
 * The process-wide database. The embedded one is migrated on first open, PostgreSQL when
 * DATABASE_MIGRATE_ON_START is set (safe with many replicas: the runner takes an advisory lock),
 * as the owner role of DATABASE_MIGRATION_URL when set.
 */
export function getDatabase(): Promise<Database> {
  // One pool (or one PGlite instance) for every bundle's copy of this module.
  return processSingleton(DATABASE, () =>
    (async () => {
      const config = getConfig();
      const database = await openDatabase(databaseTargetFor(config));
      if (database.kind === "embedded" || config.DATABASE_MIGRATE_ON_START) await migrateAtStart(config, database);
      return database;
    })().catch((error: unknown) => {
      forgetProcessSingleton(DATABASE);
      throw error;
    }),
  );
}

export type { Database, DatabaseKind } from "./open-database";
