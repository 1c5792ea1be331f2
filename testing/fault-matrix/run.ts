// `npm run test:faults`: the fault matrix. Every page × every upstream (Entra ID, MLflow, Log
// Analytics, Azure Monitor metrics, ARM, Cost Management) × {500, 429 with Retry-After, timeout,
// hang}, injected through the emulator's control API: never a 5xx or an error page; the last good
// data with its age, or a "not answering" panel quoting the request id; within a bound.
//
//   npm run test:faults              a sample: every upstream × fault and every page at least once,
//                                    rotating daily (the seed is printed)
//   npm run test:faults -- --seed N  that sample again
//   npm run test:faults -- --all     every cell
//   … --page /models                 only that page's cells (as the table names it; repeatable)
//   … --no-build                     the current .next as it is (else it is built when sources changed)
//
// The app runs on its own scratch database (PostgreSQL when DATABASE_URL is set, else embedded) with
// UPSTREAM_TIMEOUT_MS=2000, so timeouts and hangs end quickly, and UPSTREAM_READ_FRESH_MS short, so a
// page's cached reads are stale when the fault begins and go to the failing upstream. Background work
// runs while the ids are prepared, then is slowed so that only the page's own requests reach the
// upstreams (they are counted: a page that does not call the failing upstream must be as it was).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildApp, ROOT } from "../../scripts/lib/build.mjs";
import { createScratchDatabase } from "../../scripts/lib/postgres.mjs";
import { freePort, onShutdown, shutdown, stopChild, stopChildrenOnSignals } from "../../scripts/lib/processes.mjs";
import { startStack } from "../../scripts/lib/stack.mjs";
import { UPSTREAMS } from "../../emulator/http/faults";
import { environmentOf, liveness } from "../../bench/app-process";
import { control } from "../../bench/emulator-control";
import { pageRoutes, prepare, targets } from "../../bench/page-targets";
import { allCells, KINDS, sampleCells, seedOfToday, UPSTREAM_NAMES } from "./cells";
import { loadPage, runCell, startApp, table, type Matrix, type Outcome } from "./run-cell";

const TIMEOUT_MS = 2000;
const FRESH_MS = 250;
/** A page may wait for a timed-out call, a fallback and its own work: three upstream timeouts at most. */
const BOUND_MS = 3 * TIMEOUT_MS;
const RESULTS = path.join(ROOT, "test-results");
const log = (line: string) => process.stderr.write(`[fault matrix] ${line}\n`);

function parseArgs(argv: string[]) {
  const options = { all: false, seed: seedOfToday(), build: true, pages: [] as string[] };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === "--all") options.all = true;
    else if (arg === "--no-build") options.build = false;
    else if (arg === "--seed") options.seed = Number(argv[++index]);
    else if (arg === "--page") options.pages.push(argv[++index]!);
    else throw new Error(`unknown argument ${arg} (use --all, --seed N, --page /route, --no-build)`);
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) throw new Error("--seed takes a whole number ≥ 0");
  return options;
}

/** The build's cached reads must follow UPSTREAM_READ_FRESH_MS, or no fault would reach a page that read before. */
async function checkFaultsBite(matrix: Matrix, target: Parameters<typeof loadPage>[1]) {
  await loadPage(matrix, target);
  await new Promise((resolve) => setTimeout(resolve, 2 * matrix.freshMs + 50));
  await control(matrix.endpoints, "/_emulator/requests", "DELETE");
  await control(matrix.endpoints, "/_emulator/faults", "POST", { upstream: "mlflow", kind: "error", status: 500 });
  try {
    await loadPage(matrix, target);
  } finally {
    await control(matrix.endpoints, "/_emulator/faults", "DELETE");
  }
  const counters = JSON.parse(await control(matrix.endpoints, "/_emulator/requests")) as Record<string, Record<string, number>>;
  if (!Object.keys(counters.mlflow ?? {}).some((route) => route.startsWith("fault"))) {
    throw new Error(`${target.page} read MLflow from its cache ${2 * matrix.freshMs + 50} ms after loading: this build does not honour UPSTREAM_READ_FRESH_MS, so faults would not reach the pages`);
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  stopChildrenOnSignals();
  const started = Date.now();
  if (options.build) await buildApp();
  const dataDir = mkdtempSync(path.join(tmpdir(), "stagegate-fault-matrix-"));
  onShutdown(() => rmSync(dataDir, { recursive: true, force: true }));
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
    UPSTREAM_READ_FRESH_MS: String(FRESH_MS),
    BACKGROUND_POLL_MS: "500",
  };
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL, "fault_matrix");
    onShutdown(scratch.drop);
    env.DATABASE_URL = scratch.url;
  }
  mkdirSync(RESULTS, { recursive: true });
  const appLogFile = path.join(RESULTS, "fault-matrix-app.log");
  rmSync(appLogFile, { force: true });
  log(`starting the emulator, the ${env.DATABASE_URL ? "PostgreSQL" : "embedded"} database and the app…`);
  const stack = await startStack({ port: await freePort(), env, quiet: true, appLogFile });
  log("signing in and creating a promotion, a rollout and a draft…");
  const { sessions, ids } = await prepare(stack.url, stack.endpoints);
  // Again without background work, so the upstream requests counted during a load are the page's.
  const appEnv = { ...environmentOf(stack.app.pid!), BACKGROUND_POLL_MS: "600000" };
  await stopChild(stack.app);
  const app = startApp(appEnv, appLogFile);
  await liveness(stack.url, app);
  const htmlDir = path.join(RESULTS, "fault-matrix");
  rmSync(htmlDir, { recursive: true, force: true });
  const matrix: Matrix = { url: stack.url, endpoints: stack.endpoints, sessions, app, appEnv, appLogFile, htmlDir, timeoutMs: TIMEOUT_MS, freshMs: FRESH_MS, boundMs: BOUND_MS };
  onShutdown(async () => {
    await stopChild(matrix.app);
    await stopChild(stack.emulator);
  });

  const all = targets(pageRoutes(), ids);
  const skipped = all.filter((target) => !target.path);
  for (const target of skipped) log(`skipped ${target.page}: ${target.skipped}`);
  const pages = all.filter((target) => target.path && (options.pages.length === 0 || options.pages.includes(target.page)));
  if (pages.length === 0) throw new Error(`no page to load (asked for ${options.pages.join(", ")})`);
  await checkFaultsBite(matrix, all.find((target) => target.route === "/models")!);

  const cells = options.all ? allCells(pages) : sampleCells(pages, options.seed);
  const mode = options.all ? "every cell" : `sample, seed ${options.seed} (replay: npm run test:faults -- --seed ${options.seed})`;
  log(`${cells.length} cells (${mode}): ${pages.length} pages × ${UPSTREAMS.length} upstreams × ${KINDS.length} faults`);
  const outcomes: Outcome[] = [];
  for (const [index, cell] of cells.entries()) {
    const outcome = await runCell(matrix, cell);
    outcomes.push(outcome);
    log(`${index + 1}/${cells.length} ${outcome.page} × ${outcome.upstream} ${outcome.kind}: ${outcome.status}, ${outcome.shown}, ${outcome.called} calls, ${outcome.ms} ms${outcome.ok ? "" : ` — FAIL: ${outcome.why}`}`);
  }
  return { outcomes, mode, skipped: skipped.length, seconds: Math.round((Date.now() - started) / 1000) };
}

function report({ outcomes, mode, skipped, seconds }: Awaited<ReturnType<typeof main>>) {
  const failed = outcomes.filter((outcome) => !outcome.ok);
  process.stdout.write(`\nFault matrix (${mode}; UPSTREAM_TIMEOUT_MS=${TIMEOUT_MS}, bound ${BOUND_MS} ms; calls = requests the failing upstream received during the load):\n${table(outcomes)}\n\n`);
  for (const upstream of UPSTREAMS) {
    const cells = outcomes.filter((outcome) => outcome.upstream === upstream);
    if (cells.length > 0 && cells.every((outcome) => outcome.called === 0)) {
      process.stdout.write(`${UPSTREAM_NAMES[upstream]}: no page called it while it failed (${cells.length} cells): the app does not use it on these pages yet; each page was checked to be as it was.\n`);
    }
  }
  for (const outcome of failed) {
    process.stdout.write(`\nFAIL ${outcome.page} × ${UPSTREAM_NAMES[outcome.upstream as keyof typeof UPSTREAM_NAMES]} ${outcome.kind}: ${outcome.why} (status ${outcome.status}, request id ${outcome.requestId ?? "none"})\n`);
    for (const line of outcome.logLines ?? []) process.stdout.write(`  log: ${line}\n`);
  }
  if (failed.length > 0) process.stdout.write(`\nThe failing cells' HTML: ${path.relative(ROOT, path.join(RESULTS, "fault-matrix"))}/\n`);
  process.stdout.write(`\nfault matrix: ${outcomes.length - failed.length} passed, ${failed.length} failed, ${skipped} pages skipped, in ${seconds} s\n`);
  mkdirSync(path.join(RESULTS, "summary"), { recursive: true });
  writeFileSync(path.join(RESULTS, "summary", "fault-matrix.json"), JSON.stringify({ passed: outcomes.length - failed.length, failed: failed.length, skipped, mode, seconds, cells: outcomes }, null, 2));
  return failed.length === 0;
}

let ok = false;
try {
  ok = report(await main());
} catch (error) {
  process.stderr.write(`fault matrix could not run: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
} finally {
  await shutdown();
}
process.exit(ok ? 0 : 1);
