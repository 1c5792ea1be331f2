import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { SqlSession } from "../sql-session";

// Keeps `_prisma_migrations` exactly as `prisma migrate deploy` does, so either can take over.
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

const CREATE_BOOKKEEPING_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(
    readonly migrationName: string,
    message: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

// Resolved at run time from the working directory (the standalone build copies the folder there);
// the ignore comments keep the bundler from tracing the whole project through these calls.
export const DEFAULT_MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");

/** Reads `<dir>/<name>/migration.sql` in name order (names start with a timestamp). */
export function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((name) => statSync(/*turbopackIgnore: true*/ path.join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const bytes = readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

/**
 * Applies pending migrations under Prisma's advisory lock. Refuses to go on when an applied
 * migration was edited or an earlier one failed, naming it, as `prisma migrate deploy` does.
 */
export async function runMigrations(session: SqlSession, migrations: MigrationFile[]): Promise<MigrationReport> {
  // Lock first, as Prisma does: two replicas creating the bookkeeping table at once would collide.
  await session.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
  try {
    await session.query(CREATE_BOOKKEEPING_TABLE);
    const rows = await session.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const live = rows.filter((row) => row.rolled_back_at === null);
    const failed = live.find((row) => row.finished_at === null);
    if (failed) {
      throw new MigrationError(
        failed.migration_name,
        `Migration ${failed.migration_name} failed earlier and is not resolved; fix the database, then mark it rolled back (prisma migrate resolve --rolled-back ${failed.migration_name}).`,
      );
    }
    const finished = new Map(live.map((row) => [row.migration_name, row.checksum]));
    const report: MigrationReport = { applied: [], alreadyApplied: [] };
    for (const migration of migrations) {
      const checksum = finished.get(migration.name);
      if (checksum === undefined) {
        await applyOne(session, migration);
        report.applied.push(migration.name);
      } else if (checksum !== migration.checksum) {
        throw new MigrationError(
          migration.name,
          `Migration ${migration.name} was edited after it was applied (checksum differs); restore its original migration.sql and put the change in a new migration.`,
        );
      } else {
        report.alreadyApplied.push(migration.name);
      }
    }
    return report;
  } finally {
    await session.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
  }
}

async function applyOne(session: SqlSession, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await session.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
    [id, migration.checksum, migration.name],
  );
  try {
    await session.runScript(migration.sql);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await session.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, reason]);
    throw new MigrationError(migration.name, `Migration ${migration.name} failed and was not applied: ${reason}`);
  }
  await session.query(
    `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
    [id],
  );
}

/** Applies the project's migrations on an open database. */
export async function applyPendingMigrations(
  database: { withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> },
  dir?: string,
): Promise<MigrationReport> {
  const migrations = readMigrations(dir);
  return database.withSession((session) => runMigrations(session, migrations));
}
