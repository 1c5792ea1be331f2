// A database a test creates and drops itself: a fresh PostgreSQL database on DATABASE_URL's server
// when DATABASE_URL is set, otherwise an in-memory embedded one. Never touches any other database.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterEach, beforeEach } from "vitest";
import { applyPendingMigrations } from "@/lib/db/migrations/apply-migrations";
import { openDatabase, type Database, type DatabaseTarget } from "@/lib/db/open-database";

export interface TempDatabase {
  database: Database;
  target: DatabaseTarget;
  /** Opens a further pool on the same database (e.g. a second app replica). */
  openAnother(): Promise<Database>;
  drop(): Promise<void>;
}

export const TEST_DATABASE_KIND = process.env.DATABASE_URL ? "postgresql" : "embedded";

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTempDatabase(): Promise<TempDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const target: DatabaseTarget = { kind: "embedded", dataDir: "memory://" };
    const database = await openDatabase(target);
    return {
      database,
      target,
      openAnother: () => Promise.reject(new Error("an in-memory embedded database has one connection only")),
      drop: () => database.close(),
    };
  }
  const name = `stagegate_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const target: DatabaseTarget = { kind: "postgresql", url: databaseUrl(serverUrl, name), poolSize: 10 };
  const opened: Database[] = [await openDatabase(target)];
  return {
    database: opened[0]!,
    target,
    async openAnother() {
      const another = await openDatabase(target);
      opened.push(another);
      return another;
    },
    async drop() {
      await Promise.all(opened.map((database) => database.close()));
      await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** Runs SQL as a superuser session on the temp database (PostgreSQL) or its single connection. */
export function rawSql(temp: TempDatabase) {
  return <Row = Record<string, unknown>>(sql: string, params?: unknown[]) =>
    temp.database.withSession((session) => session.query<Row>(sql, params));
}

/** A fresh database with every migration applied for each test of the calling suite, dropped after it. */
export function useMigratedTempDatabase(): () => TempDatabase {
  let temp: TempDatabase | undefined;
  beforeEach(async () => {
    temp = await createTempDatabase();
    await applyPendingMigrations(temp.database);
  });
  afterEach(async () => {
    await temp?.drop();
  });
  return () => {
    if (!temp) throw new Error("the temp database exists only inside a test");
    return temp;
  };
}
