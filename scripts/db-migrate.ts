// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import { ConfigError, parseConfig } from "@/lib/config/schema";
import { databaseTargetFor } from "@/lib/db/database";
import { applyPendingMigrations, MigrationError } from "@/lib/db/migrations/apply-migrations";
import { openDatabase } from "@/lib/db/open-database";

async function main(): Promise<number> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const target = databaseTargetFor(config);
  const database = await openDatabase(target);
  try {
    const report = await applyPendingMigrations(database);
    const where = target.kind === "postgresql" ? "PostgreSQL" : `the embedded database (${target.dataDir})`;
    console.log(
      report.applied.length === 0
        ? `Database is up to date on ${where} (${report.alreadyApplied.length} migrations).`
        : `Applied ${report.applied.length} migration(s) on ${where}: ${report.applied.join(", ")}`,
    );
    return 0;
  } catch (error) {
    console.error(error instanceof MigrationError ? error.message : error);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
