// The database the settings point at, for command-line scripts: a bad setting or an unreachable
// database is printed and turned into exit code 2 instead of a stack trace.
import { ConfigError, parseConfig, type AppConfig } from "@/lib/config/schema";
import { databaseTargetFor, migrationTargetFor } from "@/lib/db/database";
import { openDatabase, type Database, type DatabaseTarget } from "@/lib/db/open-database";

/**
 * `as: "owner"` opens DATABASE_MIGRATION_URL when set (migrations and grants run as the role that
 * owns the tables); otherwise DATABASE_URL, the app's runtime role.
 */
export async function openConfiguredDatabase({ as = "runtime" }: { as?: "runtime" | "owner" } = {}): Promise<
  { database: Database; target: DatabaseTarget; config: AppConfig } | { exitCode: number }
> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return { exitCode: 2 };
    }
    throw error;
  }
  const target = as === "owner" ? migrationTargetFor(config) : databaseTargetFor(config);
  try {
    return { database: await openDatabase(target), target, config };
  } catch (error) {
    console.error(`Could not open the database: ${error instanceof Error ? error.message : error}`);
    return { exitCode: 2 };
  }
}
