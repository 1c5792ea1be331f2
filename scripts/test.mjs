// `npm test`: lint, type check, unit, integration (PostgreSQL when DATABASE_URL is set, else
// embedded), the browser tests, then a sample of the fault matrix on the build the browser tests
// made. Every step runs; the run fails if any step failed.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./lib/build.mjs";
import { run, stopChildrenOnSignals } from "./lib/processes.mjs";

stopChildrenOnSignals();
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);
const RESULTS = path.join(ROOT, "test-results");
rmSync(path.join(RESULTS, "summary"), { recursive: true, force: true });
rmSync(path.join(RESULTS, "e2e-results.json"), { force: true });
mkdirSync(path.join(RESULTS, "summary"), { recursive: true });

const withoutDatabaseUrl = () => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return env;
};

function vitestStep(name, project, env = process.env) {
  const report = path.join(RESULTS, "summary", `${name}.json`);
  return {
    name,
    command: [bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]],
    env,
    counts: () => {
      const json = JSON.parse(readFileSync(report, "utf8"));
      return { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
    },
  };
}

const steps = [
  { name: "lint", command: [bin("eslint"), ["--max-warnings=0", "."]] },
  { name: "route types", command: [bin("next"), ["typegen"]] },
  { name: "type check", command: [bin("tsc"), ["--noEmit"]] },
  vitestStep("unit", "unit"),
  vitestStep("emulator contract", "emulator"),
  vitestStep(`integration (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded"})`, "integration"),
  ...(process.env.DATABASE_URL && process.env.STAGEGATE_TEST_EMBEDDED_TOO
    ? [vitestStep("integration (embedded)", "integration", withoutDatabaseUrl())]
    : []),
  {
    name: "e2e (Chromium)",
    command: [process.execPath, [path.join(ROOT, "scripts", "e2e.mjs")]],
    counts: () => {
      const { stats } = JSON.parse(readFileSync(path.join(RESULTS, "e2e-results.json"), "utf8"));
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
    },
  },
  {
    // A sample rotating daily (the whole matrix: npm run test:faults -- --all); builds nothing when
    // the e2e step's build is current.
    name: "fault matrix (sample)",
    command: [process.execPath, [path.join(ROOT, "scripts", "run-ts.mjs"), "testing/fault-matrix/run.ts"]],
    counts: () => {
      const { passed, failed, skipped } = JSON.parse(readFileSync(path.join(RESULTS, "summary", "fault-matrix.json"), "utf8"));
      return { passed, failed, skipped };
    },
  },
];

const outcomes = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  const code = await run(step.command[0], step.command[1], { cwd: ROOT, env: { ...(step.env ?? process.env), NEXT_TELEMETRY_DISABLED: "1" } });
  let counts;
  try {
    counts = step.counts?.();
  } catch {
    counts = undefined;
  }
  outcomes.push({ name: step.name, ok: code === 0, seconds: (Date.now() - started) / 1000, counts });
}

console.log("\n=== summary ===");
const total = { passed: 0, failed: 0, skipped: 0 };
for (const outcome of outcomes) {
  const counts = outcome.counts ? ` (${outcome.counts.passed} passed, ${outcome.counts.failed} failed)` : "";
  console.log(`${outcome.ok ? "ok  " : "FAIL"} ${outcome.name}${counts} in ${outcome.seconds.toFixed(1)} s`);
  if (outcome.counts) for (const key of Object.keys(total)) total[key] += outcome.counts[key];
  // A step that failed before reporting its tests still counts as a failure.
  if (!outcome.ok && !outcome.counts?.failed) total.failed += 1;
}
const failedSteps = outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.name);
if (failedSteps.length > 0) console.log(`Failed steps: ${failedSteps.join(", ")}`);
if (existsSync(path.join(ROOT, "playwright-report"))) console.log("Browser test report and screenshots: playwright-report/, test-results/e2e/");
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedSteps.length > 0 ? 1 : 0);
