// Runs a TypeScript script with tsx under the react-server condition, so `server-only` modules load.
import { spawn } from "node:child_process";
import path from "node:path";

const [script, ...args] = process.argv.slice(2);
const tsx = path.join(import.meta.dirname, "..", "node_modules", "tsx", "dist", "cli.mjs");
const child = spawn(process.execPath, [tsx, "--conditions=react-server", script, ...args], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
