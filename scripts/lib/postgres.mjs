// Databases the test run creates on DATABASE_URL's server and drops afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";

async function onServer(serverUrl, sql) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database next to the one DATABASE_URL names; returns its URL and a drop(). */
export async function createScratchDatabase(serverUrl, purpose) {
  const name = `stagegate_${purpose}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
