import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { auditKey } from "@/lib/domain/audit-chain";
import { auditKeyringFor, DEMO_KEY_FILE } from "./audit-keys";

const current = Buffer.alloc(32, 1);
const retired = Buffer.alloc(32, 2);
const folders: string[] = [];
function dataDir(keyFileText?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "stagegate-keys-"));
  folders.push(dir);
  if (keyFileText !== undefined) writeFileSync(path.join(dir, DEMO_KEY_FILE), keyFileText);
  return dir;
}

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the audit keyring", () => {
  it("signs with AUDIT_MAC_KEY and verifies with it and every retired key", () => {
    const keyring = auditKeyringFor({ AUDIT_MAC_KEY: current.toString("base64"), AUDIT_MAC_PREVIOUS_KEYS: [retired.toString("base64")], DATA_DIR: dataDir(Buffer.alloc(32, 9).toString("base64")) });
    expect(keyring.current).toEqual(auditKey(current));
    expect(keyring.source).toBe("AUDIT_MAC_KEY");
    expect([...keyring.verifying.keys()].sort()).toEqual([auditKey(current).id, auditKey(retired).id].sort());
  });

  it("falls back to the demo's key file under DATA_DIR, and has no key without one", () => {
    const dir = dataDir(`${current.toString("base64")}\n`);
    expect(auditKeyringFor({ AUDIT_MAC_KEY: undefined, AUDIT_MAC_PREVIOUS_KEYS: [], DATA_DIR: dir })).toMatchObject({ current: auditKey(current), source: path.join(dir, DEMO_KEY_FILE) });
    const none = auditKeyringFor({ AUDIT_MAC_KEY: undefined, AUDIT_MAC_PREVIOUS_KEYS: [retired.toString("base64")], DATA_DIR: dataDir() });
    expect(none.current).toBeNull();
    expect(none.verifying.size).toBe(1);
  });

  it("refuses a damaged key file instead of quietly writing rows without MACs", () => {
    expect(() => auditKeyringFor({ AUDIT_MAC_KEY: undefined, AUDIT_MAC_PREVIOUS_KEYS: [], DATA_DIR: dataDir("short") })).toThrow(/audit-mac\.key does not hold a base64 key/);
  });
});
