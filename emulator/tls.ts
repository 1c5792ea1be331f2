// A private CA and a server certificate for 127.0.0.1/localhost, made once and kept under the
// data folder. Azure SDKs refuse bearer tokens over plain http, so every service speaks HTTPS and
// clients trust ca.pem through NODE_EXTRA_CA_CERTS.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import forge from "node-forge";

export interface TlsMaterial {
  caFile: string;
  ca: string;
  cert: string;
  key: string;
}

function newKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    forgePrivate: forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString()),
    forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString()),
  };
}

function certificate(subjectCn: string, publicKey: forge.pki.PublicKey, years: number) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(8).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * 24 * 3600 * 1000);
  cert.setSubject([{ name: "commonName", value: subjectCn }, { name: "organizationName", value: "Stagegate emulator" }]);
  return cert;
}

function generate(): Omit<TlsMaterial, "caFile"> {
  const caKeys = newKeyPair();
  const caCert = certificate("Stagegate emulator CA", caKeys.forgePublic, 10);
  caCert.setIssuer(caCert.subject.attributes);
  caCert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  caCert.sign(caKeys.forgePrivate, forge.md.sha256.create());

  const serverKeys = newKeyPair();
  const serverCert = certificate("127.0.0.1", serverKeys.forgePublic, 2);
  serverCert.setIssuer(caCert.subject.attributes);
  serverCert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] },
  ]);
  serverCert.sign(caKeys.forgePrivate, forge.md.sha256.create());

  return { ca: forge.pki.certificateToPem(caCert), cert: forge.pki.certificateToPem(serverCert), key: serverKeys.privatePem };
}

/** Loads the CA and server certificate from dir, creating them on first use. */
export function loadOrCreateTls(dir: string): TlsMaterial {
  mkdirSync(dir, { recursive: true });
  const files = { ca: path.join(dir, "ca.pem"), cert: path.join(dir, "server-cert.pem"), key: path.join(dir, "server-key.pem") };
  if (![files.ca, files.cert, files.key].every((file) => existsSync(file))) {
    const made = generate();
    writeFileSync(files.key, made.key, { mode: 0o600 });
    writeFileSync(files.cert, made.cert);
    writeFileSync(files.ca, made.ca);
  }
  return {
    caFile: files.ca,
    ca: readFileSync(files.ca, "utf8"),
    cert: readFileSync(files.cert, "utf8"),
    key: readFileSync(files.key, "utf8"),
  };
}
