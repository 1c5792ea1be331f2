// `npm run emulator`: the emulator alone, with the same heap settings the demo and tests use.
import { spawn } from "node:child_process";
import { emulatorCommand } from "./lib/emulator.mjs";

const [command, args] = emulatorCommand(process.env);
const child = spawn(command, args, { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
