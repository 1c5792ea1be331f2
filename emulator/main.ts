// `npm run emulator`: Entra ID, MLflow, Log Analytics, Azure Monitor metrics, ARM (Azure ML
// endpoints, Cost Management) and the control API, on HTTPS at 127.0.0.1; and Entra's sign-in pages
// for browsers on plain HTTP at 127.0.0.1 (a browser does not know the emulator's CA).
import { SERVICE_NAMES } from "./context";
import { emulatorOptionsFrom } from "./options";
import { startEmulator } from "./start-emulator";

try {
  const options = emulatorOptionsFrom(process.env);
  const emulator = await startEmulator(options);
  for (const name of SERVICE_NAMES) {
    console.log(`${name} ${emulator.endpoints[name]}${name === "entraBrowser" ? " (sign-in pages for browsers)" : ""}`);
  }
  console.log(`endpoints written to ${options.dataDir}/endpoints.json (seed "${options.seed}", scale ${options.scale})`);
  const { state } = emulator.context;
  if (state.file) console.log(`client changes kept in ${state.file}${state.restored ? " (restored from the last run; POST /_emulator/reset forgets them)" : ""}`);
  const stop = async () => {
    await emulator.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /EADDRINUSE/.test(message) ? " (another emulator may be running: stop it, or set EMULATOR_PORT=0 for free ports)" : "";
  console.error(`The emulator could not start: ${message}${hint}`);
  process.exit(1);
}
