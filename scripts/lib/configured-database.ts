// The database the settings point at, for command-line scripts: a bad setting or an unreachable
// database is printed and turned into exit code 2 instead of a stack trace.
import { ConfigError, parseConfig } from "@/lib/config/schema";
import { databaseTargetFor } from "@/lib/db/database";
import { openDatabase, type Database, type DatabaseTarget } from "@/lib/db/open-database";

export async function openConfiguredDatabase(): Promise<{ database: Database; target: DatabaseTarget } | { exitCode: number }> {
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
  const target = databaseTargetFor(config);
  try {
    return { database: await openDatabase(target), target };
  } catch (error) {
    console.error(`Could not open the database: ${error instanceof Error ? error.message : error}`);
    return { exitCode: 2 };
  }
}
