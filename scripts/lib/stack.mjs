// Starts Stagegate as the demo, the e2e run and the benchmarks use it: the emulator, the migrated
// database, then the standalone server pointed at the emulator's URLs and CA.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { demoAuditMacKey } from "./audit-mac-key.mjs";
import { ROOT, SERVER_JS } from "./build.mjs";
import { appEnvForEmulator, startEmulator } from "./emulator.mjs";
import { run, startChild, waitForHttp } from "./processes.mjs";

/**
 * @param {{ port: number, emulatorPort?: number, env?: Record<string, string | undefined>, quiet?: boolean, readyTimeoutMs?: number, appLogFile?: string }} options
 */
export async function startStack({ port, emulatorPort = 0, env = process.env, quiet = false, readyTimeoutMs = 120_000, appLogFile }) {
  // The standalone server runs from its own folder, so the data folder must be absolute.
  const dataDir = path.resolve(ROOT, env.DATA_DIR || ".data");
  mkdirSync(dataDir, { recursive: true });
  const emulator = await startEmulator({ dataDir, port: emulatorPort, env, quiet });
  const appEnv = {
    ...env,
    ...appEnvForEmulator(emulator.endpoints),
    DATA_DIR: dataDir,
    AUDIT_MAC_KEY: env.AUDIT_MAC_KEY || demoAuditMacKey(dataDir),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    APP_BASE_URL: env.APP_BASE_URL || `http://127.0.0.1:${port}`,
    HOSTNAME: "127.0.0.1",
    // Stagegate closes its database on SIGTERM itself (lib/startup); Next's handler would exit first.
    NEXT_MANUAL_SIG_HANDLE: "true",
  };

  const migrated = await run(process.execPath, [path.join(ROOT, "scripts", "run-ts.mjs"), "scripts/db-migrate.ts"], {
    env: appEnv,
    cwd: ROOT,
    quiet,
  });
  if (migrated !== 0) throw new Error("database migration failed (see above)");

  const app = startChild("app", process.execPath, [SERVER_JS], { env: appEnv, quiet, logFile: appLogFile });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/readyz`, { timeoutMs: readyTimeoutMs, child: app });
  return { url, app, emulator: emulator.child, endpoints: emulator.endpoints };
}
