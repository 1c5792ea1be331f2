// `npm run bench`: runs every benchmark and prints one JSON object of figures on stdout.
import os from "node:os";
import { stopChildrenOnSignals } from "../scripts/lib/processes.mjs";
import { benchDemoStartup } from "./demo-startup";
import { benchEmulator } from "./emulator-load";
import { benchModelsPage } from "./models-page";
import { benchMonitoringPage } from "./monitoring-page";
import { benchPages } from "./pages";
import { benchRolloutPollers } from "./rollout-pollers";

// Run one benchmark with `npm run bench -- emulator` (or demo, models, monitoring, rollout-pollers, pages); all of them by default.
const only = process.argv[2];
// Ctrl-C stops the emulators and app servers a benchmark started.
stopChildrenOnSignals();

const figures = {
  machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  measuredAt: new Date().toISOString(),
  ...(only && only !== "emulator" ? {} : { emulator: await benchEmulator() }),
  ...(only && only !== "demo" ? {} : { demoStartup: await benchDemoStartup() }),
  ...(only && only !== "models" ? {} : { modelsPage: await benchModelsPage() }),
  ...(only && only !== "monitoring" ? {} : { monitoringPage: await benchMonitoringPage() }),
  ...(only && only !== "rollout-pollers" ? {} : { rolloutPollers: await benchRolloutPollers() }),
  ...(only && only !== "pages" ? {} : { pages: await benchPages() }),
};
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
