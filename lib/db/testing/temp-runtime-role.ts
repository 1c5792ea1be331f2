// A login role a test creates, grants Stagegate's runtime privileges on its temp database, and
// drops afterwards. PostgreSQL only (roles belong to the server; the embedded database has one
// user). Never touches any other role.
import { randomBytes } from "node:crypto";
import { openDatabase, type Database } from "@/lib/db/open-database";
import { grantRuntimeRole } from "@/lib/db/runtime-role";
import type { TempDatabase } from "@/testing/temp-database";

export interface TempRuntimeRole {
  role: string;
  /** The temp database, connected as the runtime role (as DATABASE_URL would be). */
  url: string;
  database: Database;
  drop(): Promise<void>;
}

/** Creates the role as the temp database's superuser, grants it as the owner would, and connects as it. */
export async function createTempRuntimeRole(temp: TempDatabase): Promise<TempRuntimeRole> {
  if (temp.target.kind !== "postgresql") throw new Error("runtime roles exist on PostgreSQL only");
  const role = `stagegate_test_rt_${randomBytes(4).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  await temp.database.withSession((session) => session.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`));
  try {
    await temp.database.withSession((session) => grantRuntimeRole(session, role));
  } catch (error) {
    await dropRole(temp, role);
    throw error;
  }
  const url = new URL(temp.target.url);
  url.username = role;
  url.password = password;
  const database = await openDatabase({ kind: "postgresql", url: url.toString(), poolSize: 4 });
  return {
    role,
    url: url.toString(),
    database,
    async drop() {
      await database.close();
      await dropRole(temp, role);
    },
  };
}

// DROP OWNED removes the role's grants and default privileges in the temp database, so the role
// can go whether or not the database was dropped yet.
async function dropRole(temp: TempDatabase, role: string): Promise<void> {
  await temp.database.withSession((session) => session.runScript(`DROP OWNED BY "${role}"; DROP ROLE "${role}";`));
}
