// The signing keys: made once, kept in the data folder with owner-only access, published as JWKS.
import { X509Certificate, createHash } from "node:crypto";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { jwtVerify } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { ENTRA_KEYS_FILE, EntraKeys } from "./keys";

describe("Entra signing keys", () => {
  const folders: string[] = [];
  const tempDataDir = () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "entra-keys-"));
    folders.push(folder);
    return path.join(folder, "nested", "emulator");
  };
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it("creates the key file (mode 0600, folder included) once and reloads the same keys", () => {
    const dataDir = tempDataDir();
    const first = EntraKeys.loadOrCreate(dataDir);
    expect(statSync(path.join(dataDir, ENTRA_KEYS_FILE)).mode & 0o777).toBe(0o600);
    const second = EntraKeys.loadOrCreate(dataDir);
    expect(second.signingKid).toBe(first.signingKid);
    expect(second.jwks()).toEqual(first.jwks());
  });

  it("publishes RSA keys whose kid and x5t are the thumbprint of the x5c certificate", () => {
    const { keys } = EntraKeys.loadOrCreate(tempDataDir()).jwks("https://issuer.example/t/v2.0");
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: "RSA", use: "sig", alg: "RS256", e: "AQAB", issuer: "https://issuer.example/t/v2.0" });
      const der = Buffer.from(key.x5c[0]!, "base64");
      expect(key.x5t).toBe(createHash("sha1").update(der).digest("base64url"));
      expect(key.kid).toBe(key.x5t);
      expect(new X509Certificate(der).publicKey.export({ format: "jwk" }).n).toBe(key.n);
    }
  });

  it("signs RS256 tokens that verify with the published key of their kid", async () => {
    const keys = EntraKeys.loadOrCreate(tempDataDir());
    const token = await keys.sign({ sub: "someone" });
    const { payload, protectedHeader } = await jwtVerify(token, keys.publicKey(keys.signingKid)!);
    expect(payload.sub).toBe("someone");
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT", kid: keys.signingKid });
    expect(keys.publicKey("unknown")).toBeUndefined();
  });

  it("refuses a key file it did not write, naming the file", () => {
    const dataDir = tempDataDir();
    EntraKeys.loadOrCreate(dataDir);
    writeFileSync(path.join(dataDir, ENTRA_KEYS_FILE), JSON.stringify({ keys: [] }));
    expect(() => EntraKeys.loadOrCreate(dataDir)).toThrow(/entra-keys\.json is not an emulator key file/);
  });
});
