import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import type { PoolClient } from "pg";

/** Raw SQL on one connection: what the migration runner and health checks need, nothing more. */
export interface SqlSession {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a multi-statement script as one simple query (one implicit transaction). */
  runScript(sql: string): Promise<void>;
}

export function pgSession(client: PoolClient): SqlSession {
  return {
    async query(sql, params) {
      const result = await client.query(sql, params as unknown[] | undefined);
      return result.rows;
    },
    async runScript(sql) {
      await client.query(sql);
    },
  };
}

export function pgliteSession(pglite: PGlite): SqlSession {
  return {
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await pglite.query<Row>(sql, params);
      return result.rows;
    },
    async runScript(sql) {
      await pglite.exec(sql);
    },
  };
}
