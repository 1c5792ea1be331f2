// Emulator settings from its environment. The emulator is a separate program: the app never
// imports it and reaches it only through the URLs it writes to endpoints.json.
import path from "node:path";
import { SERVICE_NAMES } from "./context";

export type EmulatorScale = "default" | "large";

export interface EmulatorOptions {
  seed: string;
  scale: EmulatorScale;
  /**
   * 0 gives every service an ephemeral port (tests); otherwise services use basePort..basePort+6:
   * Entra ID, MLflow, Log Analytics, metrics, ARM, control (HTTPS), then Entra's browser pages (HTTP).
   */
  basePort: number;
  dataDir: string;
  /** Where the CA and server certificate live; defaults to dataDir (tests share one trusted CA). */
  tlsDir?: string;
  /** A frozen clock for reproducible runs (ISO time); unset follows the real clock. */
  frozenNow?: Date;
  /**
   * Keeps client-made changes (traffic, aliases, tags, descriptions, candidate behaviour) in
   * dataDir/state.json across restarts. Off for tests that build a context without a data folder
   * of their own and need the pristine scenario.
   */
  persistState: boolean;
}

export function emulatorOptionsFrom(env: Record<string, string | undefined>, cwd = process.cwd()): EmulatorOptions {
  const scale = env.EMULATOR_SCALE ?? "default";
  if (scale !== "default" && scale !== "large") {
    throw new Error(`EMULATOR_SCALE must be "default" or "large", not "${scale}"`);
  }
  const basePort = Number(env.EMULATOR_PORT ?? 8440);
  if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65_535 - (SERVICE_NAMES.length - 1)) {
    throw new Error(`EMULATOR_PORT must be a port number (0 for ephemeral ports), not "${env.EMULATOR_PORT}"`);
  }
  let frozenNow: Date | undefined;
  if (env.EMULATOR_NOW) {
    frozenNow = new Date(env.EMULATOR_NOW);
    if (Number.isNaN(frozenNow.getTime())) throw new Error(`EMULATOR_NOW must be an ISO time, not "${env.EMULATOR_NOW}"`);
  }
  const persist = (env.EMULATOR_PERSIST_STATE ?? "true").toLowerCase();
  if (!["true", "false", "1", "0"].includes(persist)) {
    throw new Error(`EMULATOR_PERSIST_STATE must be "true" or "false", not "${env.EMULATOR_PERSIST_STATE}"`);
  }
  return {
    seed: env.EMULATOR_SEED || "stagegate",
    scale,
    basePort,
    dataDir: path.resolve(cwd, env.DATA_DIR || ".data", "emulator"),
    tlsDir: env.EMULATOR_TLS_DIR ? path.resolve(cwd, env.EMULATOR_TLS_DIR) : undefined,
    frozenNow,
    persistState: persist === "true" || persist === "1",
  };
}
