// The directory's token-signing keys: RSA keys with self-signed certificates, made once and kept
// in the data folder so tokens and cached JWKS stay valid across emulator restarts.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SignJWT, type JWTPayload } from "jose";
import forge from "node-forge";

export const ENTRA_KEYS_FILE = "entra-keys.json";
const FILE_FORMAT = "stagegate-emulator-entra-keys/1";
// Entra publishes more than one key; clients must pick by kid, so the emulator does the same.
const KEY_COUNT = 2;

interface StoredKey {
  kid: string;
  /** Base64 DER of the self-signed certificate (the JWKS `x5c`). */
  certificate: string;
  /** PKCS#8 PEM. */
  privateKey: string;
}

interface SigningKey {
  kid: string;
  certificate: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface JsonWebKey {
  kty: "RSA";
  use: "sig";
  kid: string;
  x5t: string;
  n: string;
  e: string;
  alg: "RS256";
  x5c: string[];
  issuer?: string;
}

function selfSignedCertificate(publicKeyPem: string, privateKeyPkcs1Pem: string): string {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  certificate.serialNumber = `01${randomBytes(8).toString("hex")}`;
  certificate.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  certificate.validity.notAfter = new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000);
  // Entra's signing certificates carry this subject.
  const subject = [{ name: "commonName", value: "accounts.accesscontrol.windows.net" }];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.sign(forge.pki.privateKeyFromPem(privateKeyPkcs1Pem), forge.md.sha256.create());
  return forge.util.encode64(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes());
}

/** Entra's kid is the certificate's SHA-1 thumbprint in base64url, the same value as `x5t`. */
function thumbprint(certificateBase64: string): string {
  return createHash("sha1").update(Buffer.from(certificateBase64, "base64")).digest("base64url");
}

function newStoredKey(): StoredKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const certificate = selfSignedCertificate(
    publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
  );
  return { kid: thumbprint(certificate), certificate, privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
}

function readStoredKeys(file: string): StoredKey[] {
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { format?: string; keys?: StoredKey[] };
  if (parsed.format !== FILE_FORMAT || !Array.isArray(parsed.keys) || parsed.keys.length === 0) {
    throw new Error(`${file} is not an emulator key file (${FILE_FORMAT}); delete it to make new keys`);
  }
  return parsed.keys;
}

export class EntraKeys {
  private readonly keys: SigningKey[];

  private constructor(stored: StoredKey[]) {
    this.keys = stored.map((key) => {
      const privateKey = createPrivateKey(key.privateKey);
      return { kid: key.kid, certificate: key.certificate, privateKey, publicKey: createPublicKey(privateKey) };
    });
  }

  /** Loads the keys from dataDir, making and saving them (mode 0600) the first time. */
  static loadOrCreate(dataDir: string): EntraKeys {
    const file = path.join(dataDir, ENTRA_KEYS_FILE);
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      const body = JSON.stringify({ format: FILE_FORMAT, keys: Array.from({ length: KEY_COUNT }, newStoredKey) }, null, 2);
      // Write aside, then link into place: readers never see half a file, and if another process
      // got there first its keys win (link fails on an existing file) so both sign alike.
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, body, { mode: 0o600 });
      try {
        linkSync(temporary, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      } finally {
        unlinkSync(temporary);
      }
    }
    return new EntraKeys(readStoredKeys(file));
  }

  /** The kid of the key that signs new tokens. */
  get signingKid(): string {
    return this.keys[0]!.kid;
  }

  /** The JWKS document; `issuer` is added per key as Entra's v2 JWKS does. */
  jwks(issuer?: string): { keys: JsonWebKey[] } {
    return {
      keys: this.keys.map((key) => {
        const { n, e } = key.publicKey.export({ format: "jwk" });
        return { kty: "RSA", use: "sig", kid: key.kid, x5t: key.kid, n: n!, e: e!, alg: "RS256", x5c: [key.certificate], ...(issuer ? { issuer } : {}) };
      }),
    };
  }

  /** Signs claims as an RS256 JWT with the current signing key. */
  sign(claims: JWTPayload): Promise<string> {
    const key = this.keys[0]!;
    return new SignJWT(claims).setProtectedHeader({ typ: "JWT", alg: "RS256", kid: key.kid, x5t: key.kid }).sign(key.privateKey);
  }

  /** The public key for a kid, or undefined when the directory never had that key. */
  publicKey(kid: string): KeyObject | undefined {
    return this.keys.find((key) => key.kid === kid)?.publicKey;
  }
}
