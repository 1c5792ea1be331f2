// `npm run db:grant-runtime-role -- <role>`: as the role that owns the tables
// (DATABASE_MIGRATION_URL, else DATABASE_URL), grants <role> what the app needs at run time and
// no more: SELECT and INSERT only on the append-only tables, no ownership. `-- --print <role>`
// prints the SQL instead. PostgreSQL only: the embedded database has one user.
import { isRuntimeRoleName, runtimeRoleGrantSql } from "@/lib/db/runtime-role";
import { openConfiguredDatabase } from "./lib/configured-database";

const USAGE = "usage: npm run db:grant-runtime-role -- [--print] <role>";

async function main(args: string[]): Promise<number> {
  const print = args.includes("--print");
  const [role, ...extra] = args.filter((arg) => arg !== "--print");
  if (!role || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  if (!isRuntimeRoleName(role)) {
    console.error(`"${role}" is not a role name Stagegate accepts: lower-case letters, digits and _, starting with a letter or _.`);
    return 2;
  }
  if (print) {
    console.log(runtimeRoleGrantSql(role));
    return 0;
  }
  const opened = await openConfiguredDatabase({ as: "owner" });
  if ("exitCode" in opened) return opened.exitCode;
  const { database } = opened;
  try {
    if (database.kind === "embedded") {
      console.error("The embedded database has one user, so there is no runtime role to grant; set DATABASE_URL (and DATABASE_MIGRATION_URL) to a PostgreSQL server.");
      return 2;
    }
    await database.withSession((session) => session.runScript(runtimeRoleGrantSql(role)));
    console.log(`Granted ${role} Stagegate's runtime privileges: SELECT and INSERT on audit_events and the other append-only tables, SELECT/INSERT/UPDATE/DELETE on the rest. Point DATABASE_URL at ${role}; keep DATABASE_MIGRATION_URL for migrations.`);
    return 0;
  } catch (error) {
    console.error(`Could not grant ${role}: ${error instanceof Error ? error.message : error}`);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
