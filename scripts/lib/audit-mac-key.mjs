// The demo's audit MAC key: 32 random bytes made once and kept in <dataDir>/audit-mac.key, so a
// fresh machine gets one and a restart keeps it (rows MAC'd under a lost key no longer verify).
// lib/audit/audit-keys.ts reads the same file when AUDIT_MAC_KEY is unset (e.g. audit:verify).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const DEMO_KEY_FILE = "audit-mac.key";

/**
 * The key in <dataDir>/audit-mac.key, created (readable by this user only) when missing.
 * @param {string} dataDir
 * @returns {string} the key, base64
 */
export function demoAuditMacKey(dataDir) {
  const file = path.join(dataDir, DEMO_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // "wx": two starts racing keep the first key instead of overwriting it.
    try {
      writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
  }
  return readFileSync(file, "utf8").trim();
}
