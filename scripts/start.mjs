// `npm start`: the built standalone server on PORT, as in production (no build, no migrations).
import { spawn } from "node:child_process";
import { SERVER_JS } from "./lib/build.mjs";
import { loadConfigOrExit } from "./lib/config.mjs";

await loadConfigOrExit();
const child = spawn(process.execPath, [SERVER_JS], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
