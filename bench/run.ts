// `npm run bench`: runs every benchmark and prints one JSON object of figures on stdout.
import os from "node:os";
import { benchDemoStartup } from "./demo-startup";

const figures = {
  machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  measuredAt: new Date().toISOString(),
  demoStartup: await benchDemoStartup(),
};
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
