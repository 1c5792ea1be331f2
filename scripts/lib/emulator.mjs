// Starts the emulator as a child process and reads the endpoints it writes.
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./build.mjs";
import { startChild } from "./processes.mjs";

/**
 * The command that runs the emulator. A heap cap makes V8 collect the garbage of large queries
 * instead of growing: the default scale stays under its 300 MB goal, the large one under 1 GB.
 * @param {Record<string, string | undefined>} env
 * @returns {[string, string[]]}
 */
export function emulatorCommand(env = process.env) {
  const heapMiB = env.EMULATOR_SCALE === "large" ? 768 : 256;
  return [process.execPath, [`--max-old-space-size=${heapMiB}`, "--import", "tsx", path.join(ROOT, "emulator", "main.ts")]];
}

/**
 * The emulator keeps what clients change (traffic, aliases, tags, descriptions) in
 * `<dataDir>/emulator/state.json` across restarts, as the demo wants; a run that must start from
 * the scenario (e2e, benchmarks) gives it a fresh dataDir, or sets EMULATOR_PERSIST_STATE=false.
 * @param {{ dataDir: string, port?: number, env?: Record<string, string | undefined>, quiet?: boolean, timeoutMs?: number }} options
 */
export async function startEmulator({ dataDir, port = 0, env = process.env, quiet = false, timeoutMs = 60_000 }) {
  const endpointsFile = path.join(dataDir, "emulator", "endpoints.json");
  rmSync(endpointsFile, { force: true });
  const childEnv = { ...env, DATA_DIR: dataDir, EMULATOR_PORT: String(port) };
  const [command, args] = emulatorCommand(childEnv);
  const child = startChild("emulator", command, args, {
    env: childEnv,
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

/**
 * The app's settings that point it at the emulator (same code path, other URLs and credentials).
 * The app is not told `entraBrowser` (Entra's sign-in pages on plain HTTP): the tenant's discovery
 * document sends browsers there, as Entra ID's names its own pages.
 */
export function appEnvForEmulator(endpoints) {
  return {
    NODE_EXTRA_CA_CERTS: endpoints.caFile,
    MLFLOW_TRACKING_URI: endpoints.mlflow,
    // Like an Azure ML workspace: an Entra token for ARM from the app registration.
    MLFLOW_AUTH: "entra",
    ENTRA_AUTHORITY_HOST: endpoints.entra,
    LOG_ANALYTICS_ENDPOINT: endpoints.logs,
    LOG_ANALYTICS_WORKSPACE_ID: endpoints.logAnalyticsWorkspaceId,
    AZURE_MONITOR_METRICS_ENDPOINT: endpoints.metrics,
    ARM_ENDPOINT: endpoints.arm,
    AZURE_SUBSCRIPTION_ID: endpoints.subscriptionId,
    AZURE_RESOURCE_GROUP: endpoints.resourceGroup,
    AZURE_ML_WORKSPACE: endpoints.workspace,
    ENTRA_TENANT_ID: endpoints.tenantId,
    ENTRA_CLIENT_ID: endpoints.clientId,
    ENTRA_CLIENT_SECRET: endpoints.clientSecret,
    ENTRA_API_AUDIENCE: endpoints.appIdUri,
  };
}
