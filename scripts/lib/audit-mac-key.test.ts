import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { auditKeyringFor } from "@/lib/audit/audit-keys";
import { auditKey } from "@/lib/domain/audit-chain";
import { demoAuditMacKey } from "./audit-mac-key.mjs";

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the demo's audit MAC key", () => {
  it("is made once under the data folder, kept across starts, and is the key the app and audit:verify read", () => {
    const root = mkdtempSync(path.join(tmpdir(), "stagegate-demo-key-"));
    folders.push(root);
    const dataDir = path.join(root, "data");
    const key = demoAuditMacKey(dataDir);
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    expect(demoAuditMacKey(dataDir)).toBe(key);
    expect(statSync(path.join(dataDir, "audit-mac.key")).mode & 0o777).toBe(0o600);
    const keyring = auditKeyringFor({ AUDIT_MAC_KEY: undefined, AUDIT_MAC_PREVIOUS_KEYS: [], DATA_DIR: dataDir });
    expect(keyring.current).toEqual(auditKey(Buffer.from(key, "base64")));
  });
});
