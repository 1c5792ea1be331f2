// Vitest global setup for the emulator suite: makes the test CA before any worker starts and
// points NODE_EXTRA_CA_CERTS at it (Node reads it only at process start, and the Azure SDKs
// refuse bearer tokens over plain http).
import path from "node:path";
import { loadOrCreateTls } from "../tls";

export const TEST_TLS_DIR = path.resolve(import.meta.dirname, "..", "..", ".data", "emulator-test-tls");

export default function setup() {
  const tls = loadOrCreateTls(TEST_TLS_DIR);
  process.env.NODE_EXTRA_CA_CERTS = tls.caFile;
}
