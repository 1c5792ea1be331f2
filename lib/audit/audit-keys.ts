import "server-only";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { getConfig, type AppConfig } from "@/lib/config";
import { isAuditKey } from "@/lib/config/schema";
import { auditKey, type AuditKey } from "@/lib/domain/audit-chain";

/**
 * The key file the demo creates under DATA_DIR (scripts/lib/audit-mac-key.mjs writes it with this
 * name). Used when AUDIT_MAC_KEY is unset, so `npm run dev` and `npm run audit:verify` on the
 * demo's data folder use the demo's key.
 */
export const DEMO_KEY_FILE = "audit-mac.key";

/** The keys outside the database: the one that signs new rows and checkpoints, and every one that verifies. */
export interface AuditKeyring {
  /** Signs new rows and checkpoints; null when no key is configured (rows then carry no MAC). */
  current: AuditKey | null;
  /** Key id → secret, for the current key and the retired ones. */
  verifying: ReadonlyMap<string, Buffer>;
  /** Where the current key came from, for messages. */
  source: string | null;
}

function decode(value: string): Buffer {
  return Buffer.from(value, "base64");
}

function currentKeyFrom(config: Pick<AppConfig, "AUDIT_MAC_KEY" | "DATA_DIR">): { secret: Buffer; source: string } | null {
  if (config.AUDIT_MAC_KEY) return { secret: decode(config.AUDIT_MAC_KEY), source: "AUDIT_MAC_KEY" };
  const file = path.resolve(/*turbopackIgnore: true*/ config.DATA_DIR, DEMO_KEY_FILE);
  if (!existsSync(/*turbopackIgnore: true*/ file)) return null;
  const text = readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
  // A damaged key file must stop the writer, not silently turn MACs off.
  if (!isAuditKey(text)) throw new Error(`${file} does not hold a base64 key of at least 32 bytes; restore it or set AUDIT_MAC_KEY.`);
  return { secret: decode(text), source: file };
}

export function auditKeyringFor(config: Pick<AppConfig, "AUDIT_MAC_KEY" | "AUDIT_MAC_PREVIOUS_KEYS" | "DATA_DIR">): AuditKeyring {
  const found = currentKeyFrom(config);
  const current = found ? auditKey(found.secret) : null;
  const verifying = new Map<string, Buffer>();
  for (const key of [...config.AUDIT_MAC_PREVIOUS_KEYS.map((value) => auditKey(decode(value))), ...(current ? [current] : [])]) {
    verifying.set(key.id, key.secret);
  }
  return { current, verifying, source: found?.source ?? null };
}

let configured: AuditKeyring | undefined;

/** This process's keyring, from its settings, read once. */
export function configuredAuditKeyring(): AuditKeyring {
  configured ??= auditKeyringFor(getConfig());
  return configured;
}
