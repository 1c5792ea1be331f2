import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { lockEmbeddedDatabase } from "./embedded-lock";
import { PrismaClient } from "./generated/client";
import { pgliteSession, pgSession, type SqlSession } from "./sql-session";

export type DatabaseKind = "postgresql" | "embedded";

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** Runs fn on one dedicated connection (session-level locks hold for its duration). */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "postgresql"; url: string; poolSize: number }
  /** dataDir is a folder, or "memory://" for a throwaway in-process database. */
  | { kind: "embedded"; dataDir: string };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgresql" ? openPostgres(target.url, target.poolSize) : openEmbedded(target.dataDir);
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgresql",
    prisma,
    async withSession(fn) {
      const client = await pool.connect();
      try {
        return await fn(pgSession(client));
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  // PGlite does not create parent folders itself.
  if (!inMemory) mkdirSync(path.resolve(dataDir), { recursive: true });
  const unlock = inMemory ? () => undefined : lockEmbeddedDatabase(path.resolve(dataDir));
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir);
  } catch (error) {
    unlock();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "embedded",
    prisma,
    // PGlite has a single connection; its own queue serializes callers.
    withSession: (fn) => fn(pgliteSession(pglite)),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      unlock();
    },
  };
}
