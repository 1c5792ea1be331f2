// Starts the emulator as a child process and reads the endpoints it writes.
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./build.mjs";
import { startChild } from "./processes.mjs";

/**
 * @param {{ dataDir: string, port?: number, env?: Record<string, string | undefined>, quiet?: boolean, timeoutMs?: number }} options
 */
export async function startEmulator({ dataDir, port = 0, env = process.env, quiet = false, timeoutMs = 60_000 }) {
  const endpointsFile = path.join(dataDir, "emulator", "endpoints.json");
  rmSync(endpointsFile, { force: true });
  const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
  const child = startChild("emulator", process.execPath, [tsx, path.join(ROOT, "emulator", "main.ts")], {
    env: { ...env, DATA_DIR: dataDir, EMULATOR_PORT: String(port) },
    cwd: ROOT,
    quiet,
  });
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(endpointsFile)) {
    if (child.exitCode !== null) throw new Error(`the emulator exited (code ${child.exitCode}) before it was ready`);
    if (Date.now() > deadline) throw new Error(`the emulator did not start within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, endpoints: JSON.parse(readFileSync(endpointsFile, "utf8")) };
}

/** The app's settings that point it at the emulator (same code path, other URLs and credentials). */
export function appEnvForEmulator(endpoints) {
  return {
    NODE_EXTRA_CA_CERTS: endpoints.caFile,
    MLFLOW_TRACKING_URI: endpoints.mlflow,
    ENTRA_AUTHORITY_HOST: endpoints.entra,
    LOG_ANALYTICS_ENDPOINT: endpoints.logs,
    AZURE_MONITOR_METRICS_ENDPOINT: endpoints.metrics,
    ARM_ENDPOINT: endpoints.arm,
  };
}
