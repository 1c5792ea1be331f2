// `npm run db:migrate`: applies pending migrations to DATABASE_URL (as DATABASE_MIGRATION_URL's
// owner role when set), or to the embedded database.
import { applyPendingMigrations, MigrationError } from "@/lib/db/migrations/apply-migrations";
import { openConfiguredDatabase } from "./lib/configured-database";

async function main(): Promise<number> {
  const opened = await openConfiguredDatabase({ as: "owner" });
  if ("exitCode" in opened) return 1;
  const { database, target } = opened;
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
