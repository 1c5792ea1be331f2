// `npm run demo`: build when needed, migrate, start everything, print where to go. Ctrl-C stops all.
import { buildApp } from "./lib/build.mjs";
import { takenPorts } from "./lib/free-ports.mjs";
import { loadConfigOrExit } from "./lib/config.mjs";
import { isStopping, shutdown, stopChildrenOnSignals } from "./lib/processes.mjs";
import { startStack } from "./lib/stack.mjs";

const started = Date.now();
const config = await loadConfigOrExit();
const port = Number(process.env.PORT || 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT || 8440);
// The emulator listens on seven consecutive ports: Entra ID, MLflow, Log Analytics, metrics, ARM,
// control (HTTPS), then Entra ID's sign-in pages for the browser (plain HTTP, loopback only).
const taken = await takenPorts([
  { port, variable: "PORT", what: "Stagegate" },
  ...["Entra ID", "MLflow", "Log Analytics", "Azure Monitor metrics", "ARM", "control API", "Entra ID sign-in pages (http)"].map((what, index) => ({ port: emulatorPort + index, variable: "EMULATOR_PORT", what: `emulator's ${what}` })),
]);
if (taken.length > 0) {
  console.error(`Stagegate did not start:\n  ${taken.join("\n  ")}`);
  process.exit(1);
}
stopChildrenOnSignals();

try {
  await buildApp();
  const { url, app, emulator, endpoints } = await startStack({ port, emulatorPort });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const users = endpoints.users
    .map((user) => `    ${user.name.padEnd(22)} ${user.username.padEnd(34)} ${user.roles.length ? user.roles.join(", ") : "(no Stagegate role)"}`)
    .join("\n");
  console.log(`
Stagegate is ready at ${url}  (started in ${seconds} s)
  database:  ${config.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite in .data/pglite"}
  health:    ${url}/api/healthz   readiness: ${url}/api/readyz
  emulator:  Entra ID ${endpoints.entra}, MLflow ${endpoints.mlflow}, ARM ${endpoints.arm}, control ${endpoints.control}
  sign in at ${url} as one of these demo users (the emulator's Entra ID page lists them):
${users}
Press Ctrl-C to stop.`);
  for (const [name, child] of [["app", app], ["emulator", emulator]]) {
    child.on("exit", async (code) => {
      if (isStopping()) return;
      console.error(`The ${name} exited (code ${code}); stopping.`);
      await shutdown();
      process.exit(1);
    });
  }
} catch (error) {
  console.error(`\nStagegate did not start: ${error instanceof Error ? error.message : error}`);
  await shutdown();
  process.exit(1);
}
