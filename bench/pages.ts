// Every page of the build, measured cold: `npm run bench -- pages`.
//
// For each page route the build knows, with real ids and a user who may open it (bench/page-targets.ts):
// - latency depth: the page's first signed-in request in a FRESH server process (empty read caches,
//   no Entra token or discovery document yet), timed to the last byte of the streamed HTML, once
//   as the emulator answers and once, in another fresh process, with 100 ms added to every call of
//   every upstream (the emulator's latency fault). depth = (ms with − ms without) ÷ 100 ms: the
//   number of upstream round trips the page waits for one after another.
// - the upstream calls that page load made (the emulator's request counters, without latency);
// - first-load JS, gzip (see firstLoadJs below).
// Goals for every page: depth ≤ 1.5 and first-load JS ≤ 180 kB.
//
// One emulator and one database serve every measurement (the sessions and ids live there); only
// the app process is fresh each time. Before the measured request, each fresh process loads the
// page's code with two requests carrying a made-up session cookie, after letting the process's first
// second pass: they pass the proxy's cookie check and the page itself sends them to sign-in, before
// any upstream call (checked: whatever the process called upstream before the measured request is
// reported as `warmupUpstreamCalls`, and should be 0). Loading a route's bundles costs the same
// with and without latency; on a busy machine it costs seconds and would drown the 100 ms steps
// this bench measures. The app, the emulator and this client run at a raised CPU priority.
//
// Time: up to 3 rounds of fresh processes per cell while the bench stays within about 9 minutes
// (after the build); the first round always runs, later ones only for pages that waited on an
// upstream, and stop when the time is spent. Each figure comes from the cell's fastest runs (see
// fastestDepth); medians and every run's time are in the JSON.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { UPSTREAMS, type Upstream } from "../emulator/http/faults";
import { SERVER_JS } from "../scripts/lib/build.mjs";
import { createScratchDatabase } from "../scripts/lib/postgres.mjs";
import { freePort, startChild, stopChild } from "../scripts/lib/processes.mjs";
import { startStack } from "../scripts/lib/stack.mjs";
import { buildApp, type Endpoints } from "./app-session";
import { environmentOf, liveness, prioritize } from "./app-process";
import { control, upstreamCalls } from "./emulator-control";
import { firstLoadJs } from "./first-load-js";
import { buildId, NEXT_DIR, pageRoutes, prepare, targets, type Target, type UserKey } from "./page-targets";

// Where they lived before bench/page-targets.ts and bench/first-load-js.ts: importers keep working.
export { firstLoadJs } from "./first-load-js";
export { pageRoutes } from "./page-targets";

const GOALS = { depth: 1.5, firstLoadJsKB: 180 };
const ADDED_LATENCY_MS = 100;
const MAX_ROUNDS = 3;
const BUDGET_MS = 9 * 60_000;
const SETTLE_MS = 1500;

interface Sample {
  ms: number;
  /** How long the fresh process took to answer its liveness route. */
  startMs: number;
  status: number;
  ok: boolean;
  upstreamCalls: number;
  byUpstream: Record<string, number>;
  routes: Record<string, number>;
  warmupUpstreamCalls: number;
  scripts: string[];
}

const log = (line: string) => process.stderr.write(`[bench pages] ${line}\n`);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

class BuildChangedError extends Error {}

interface Bench {
  url: string;
  endpoints: Endpoints;
  appEnv: Record<string, string>;
  sessions: Record<UserKey, string>;
  /** A session cookie of the right name whose token no session has. */
  bogusCookie: string;
  buildId: string;
}

/** One cold page load: a fresh app process, the route's code loaded, then the measured request. */
async function measure(bench: Bench, target: Target, addedLatencyMs: number, latencyOn: readonly Upstream[]): Promise<Sample> {
  if (buildId() !== bench.buildId) throw new BuildChangedError(".next was rebuilt while the bench ran");
  const app = startChild("app", process.execPath, [SERVER_JS], { env: bench.appEnv as NodeJS.ProcessEnv, quiet: true });
  try {
    const spawned = performance.now();
    await liveness(bench.url, app);
    const startMs = performance.now() - spawned;
    prioritize(app.pid!);
    await control(bench.endpoints, "/_emulator/requests", "DELETE");
    // The first second of a process is busy (the background loop's first pass, lazy start-up work):
    // let it pass, then load the page's code twice without a session.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const pageUrl = `${bench.url}${target.path}`;
    for (let warmup = 0; warmup < 2; warmup++) await (await fetch(pageUrl, { headers: { cookie: bench.bogusCookie }, redirect: "manual" })).arrayBuffer();
    const warmup = await upstreamCalls(bench.endpoints);
    await control(bench.endpoints, "/_emulator/requests", "DELETE");
    if (addedLatencyMs > 0) {
      for (const upstream of latencyOn) await control(bench.endpoints, "/_emulator/faults", "POST", { upstream, kind: "latency", latencyMs: addedLatencyMs });
    }
    const headers: Record<string, string> = target.user ? { cookie: bench.sessions[target.user] } : {};
    const began = performance.now();
    const response = await fetch(pageUrl, { headers, redirect: "manual" });
    const body = await response.text();
    const ms = performance.now() - began;
    await control(bench.endpoints, "/_emulator/faults", "DELETE");
    const calls = await upstreamCalls(bench.endpoints);
    // A page that lost its session streams a meta refresh to sign-in; such a load measures nothing.
    const ok = response.status === 200 && !/http-equiv="refresh" content="\d+;url=\/auth\/sign-in/.test(body);
    const scripts = [...body.matchAll(/<script[^>]*\ssrc="\/_next\/([^"?]+)/g)].map((match) => match[1]!);
    return { ms, startMs, status: response.status, ok, upstreamCalls: calls.total, byUpstream: calls.byUpstream, routes: calls.routes, warmupUpstreamCalls: warmup.total, scripts };
  } finally {
    await control(bench.endpoints, "/_emulator/faults", "DELETE").catch(() => undefined);
    await stopChild(app);
  }
}

interface Cell {
  target: Target;
  without: Sample[];
  with: Sample[];
}

interface Row {
  page: string;
  route: string;
  path: string | null;
  user: UserKey | null;
  skipped?: string;
  runs?: number;
  depth?: number;
  medianDepth?: number;
  msWithout?: number;
  msWith?: number;
  samplesMs?: { without: number[]; with: number[] };
  upstreamCalls?: number;
  upstreamCallsWithLatency?: number;
  upstreamByService?: Record<string, number>;
  upstreamRoutes?: Record<string, number>;
  warmupUpstreamCalls?: number;
  firstLoadJsKB?: number;
  firstLoadJsChunks?: number;
  htmlScriptsOutsideManifest?: string[];
  failures?: number[];
  meets?: { depth: boolean; firstLoadJs: boolean };
}

// Other work on the machine only ever adds time to a page load, so each cell's fastest run is the
// closest to the page's own cost (a median of two runs would be their mean, outlier included).
function fastestDepth(cell: Cell): number {
  return round2((Math.min(...cell.with.map((sample) => sample.ms)) - Math.min(...cell.without.map((sample) => sample.ms))) / ADDED_LATENCY_MS);
}

function summarize(cell: Cell, polyfills: Set<string>): Row {
  const { target } = cell;
  const base = { page: target.page, route: target.route, path: target.path, user: target.user };
  if (!target.path) return { ...base, skipped: target.skipped };
  const all = [...cell.without, ...cell.with];
  const msWithout = Math.min(...cell.without.map((sample) => sample.ms));
  const msWith = Math.min(...cell.with.map((sample) => sample.ms));
  const depth = fastestDepth(cell);
  const medianDepth = round2((median(cell.with.map((sample) => sample.ms)) - median(cell.without.map((sample) => sample.ms))) / ADDED_LATENCY_MS);
  const js = firstLoadJs(target.route);
  const manifestFiles = new Set(js.files);
  const htmlScripts = [...new Set(all.flatMap((sample) => sample.scripts))];
  return {
    ...base,
    runs: cell.without.length,
    depth,
    medianDepth,
    msWithout: round1(msWithout),
    msWith: round1(msWith),
    samplesMs: { without: cell.without.map((sample) => round1(sample.ms)), with: cell.with.map((sample) => round1(sample.ms)) },
    upstreamCalls: median(cell.without.map((sample) => sample.upstreamCalls)),
    upstreamCallsWithLatency: median(cell.with.map((sample) => sample.upstreamCalls)),
    upstreamByService: cell.without[0]!.byUpstream,
    upstreamRoutes: cell.without[0]!.routes,
    warmupUpstreamCalls: Math.max(...all.map((sample) => sample.warmupUpstreamCalls)),
    firstLoadJsKB: js.kB,
    firstLoadJsChunks: js.files.length,
    htmlScriptsOutsideManifest: htmlScripts.filter((file) => !manifestFiles.has(file) && !polyfills.has(file)),
    failures: all.filter((sample) => !sample.ok).map((sample) => sample.status),
    meets: { depth: depth <= GOALS.depth, firstLoadJs: js.kB <= GOALS.firstLoadJsKB },
  };
}

function table(rows: Row[]): string {
  const header = ["page", "depth", "ms without", "ms with", "upstream calls", "first-load JS kB", "depth ≤ 1.5", "JS ≤ 180 kB"];
  const yesNo = (met: boolean | undefined) => (met ? "yes" : "NO");
  const lines = rows.map((row) =>
    row.skipped !== undefined || !row.meets
      ? [row.page, "—", "—", "—", "—", "—", "skipped", row.skipped ?? ""]
      : [
          row.page + (row.failures?.length ? ` (failed: ${row.failures.join(", ")})` : ""),
          row.depth!.toFixed(2),
          String(Math.round(row.msWithout!)),
          String(Math.round(row.msWith!)),
          String(row.upstreamCalls),
          row.firstLoadJsKB!.toFixed(1),
          yesNo(row.meets.depth),
          yesNo(row.meets.firstLoadJs),
        ],
  );
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`;
  const rule = `|${widths.map((width, column) => (column === 0 ? `:${"-".repeat(width + 1)}` : `${"-".repeat(width + 1)}:`)).join("|")}|`;
  return [format(header), rule, ...lines.map(format)].join("\n");
}

interface Options {
  /** Measure only these pages (as the table names them); every page by default. */
  only?: string[];
  /** Most rounds per cell (default 3), still within the time budget. */
  rounds?: number;
  /** Add the latency to these upstreams only (default: every one), to find where a page's depth comes from. */
  latencyOn?: readonly Upstream[];
}

async function runOnce({ only, rounds = MAX_ROUNDS, latencyOn = UPSTREAMS }: Options) {
  const started = Date.now();
  const routes = pageRoutes();
  log(`${routes.length} page routes in the build`);
  const dataDir = mkdtempSync(path.join(tmpdir(), "stagegate-bench-pages-"));
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "warn" };
  let dropDatabase: (() => Promise<void>) | undefined;
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL, "bench_pages");
    dropDatabase = scratch.drop;
    env.DATABASE_URL = scratch.url;
  }
  let stack: { url: string; app: ChildProcess; emulator: ChildProcess; endpoints: Endpoints } | undefined;
  try {
    log("starting the emulator, the database and the app…");
    stack = await startStack({ port: await freePort(), env, quiet: true });
    const { url, endpoints } = stack;
    log("signing in and creating a promotion, a rollout and a draft…");
    const { sessions, ids } = await prepare(url, endpoints);
    const appEnv = environmentOf(stack.app.pid!);
    prioritize(stack.emulator.pid!);
    prioritize(process.pid);
    await stopChild(stack.app);
    const cookieName = sessions["ml-lead"].slice(0, sessions["ml-lead"].indexOf("="));
    const bench: Bench = { url, endpoints, appEnv, sessions, bogusCookie: `${cookieName}=bench-no-such-session-0000000000000000000000`, buildId: buildId() };
    // What the fault API accepts, checked once: latency on every upstream the app calls.
    for (const upstream of UPSTREAMS) await control(endpoints, "/_emulator/faults", "POST", { upstream, kind: "latency", latencyMs: ADDED_LATENCY_MS });
    const faults = JSON.parse(await control(endpoints, "/_emulator/faults")) as Record<string, { kind: string; latencyMs?: number }[]>;
    if (!UPSTREAMS.every((upstream) => faults[upstream]?.some((rule) => rule.kind === "latency" && rule.latencyMs === ADDED_LATENCY_MS))) throw new Error(`the emulator did not take a latency fault for every upstream: ${JSON.stringify(faults)}`);
    await control(endpoints, "/_emulator/faults", "DELETE");

    const cells: Cell[] = targets(routes, ids)
      .filter((target) => !only || only.includes(target.page))
      .map((target) => ({ target, without: [], with: [] }));
    const measurable = cells.filter((cell) => cell.target.path);
    let roundMs = 0;
    for (let round = 1; round <= rounds; round++) {
      // After the first round, only pages that called an upstream or seemed to wait on one (a request
      // the emulator routes nowhere, like a readiness probe's HEAD, is delayed but not counted), or failed.
      const due = round === 1 ? measurable : measurable.filter((cell) => [...cell.without, ...cell.with].some((sample) => sample.upstreamCalls > 0 || !sample.ok) || fastestDepth(cell) >= 1);
      const estimate = (roundMs * due.length) / measurable.length;
      if (round > 1 && Date.now() - started + estimate > BUDGET_MS) {
        log(`round ${round} skipped: it would end past the ${BUDGET_MS / 60_000}-minute budget`);
        break;
      }
      const roundStarted = Date.now();
      let pairMs = 0;
      for (const [index, cell] of due.entries()) {
        // A machine that grew busier makes a round slower than the first: stop a later round on time.
        if (round > 1 && Date.now() - started + pairMs > BUDGET_MS) {
          log(`round ${round} stopped after ${index} of ${due.length} pages: the ${BUDGET_MS / 60_000}-minute budget is spent`);
          break;
        }
        const pairStarted = Date.now();
        // Alternate which condition goes first, so a machine growing busier or idler favours neither.
        const order = (round + index) % 2 ? [0, ADDED_LATENCY_MS] : [ADDED_LATENCY_MS, 0];
        for (const added of order) {
          const sample = await measure(bench, cell.target, added, latencyOn);
          (added ? cell.with : cell.without).push(sample);
          log(
            `round ${round}/${rounds} ${cell.target.page} ${added ? `+${added} ms` : "as is"}: ${Math.round(sample.ms)} ms, ${sample.upstreamCalls} upstream calls (process up in ${Math.round(sample.startMs)} ms)${sample.ok ? "" : `, FAILED (${sample.status})`}`,
          );
        }
        pairMs = Date.now() - pairStarted;
      }
      if (round === 1) roundMs = Date.now() - roundStarted;
    }

    const buildManifest = JSON.parse(readFileSync(path.join(NEXT_DIR, "build-manifest.json"), "utf8")) as { polyfillFiles: string[] };
    const rows = cells.map((cell) => summarize(cell, new Set(buildManifest.polyfillFiles)));
    process.stderr.write(`\nCold page loads (a fresh server process each; fastest of each cell's runs; depth = (ms with ${ADDED_LATENCY_MS} ms added to every upstream call − ms without) ÷ ${ADDED_LATENCY_MS} ms):\n${table(rows)}\n\n`);
    const measured = rows.filter((row) => row.meets);
    return {
      addedLatencyMs: ADDED_LATENCY_MS,
      latencyOn,
      ids,
      pages: rows,
      goals: GOALS,
      missingGoals: measured.filter((row) => !row.meets!.depth || !row.meets!.firstLoadJs).map((row) => row.page),
      failedLoads: measured.filter((row) => row.failures!.length > 0).map((row) => row.page),
      skipped: rows.filter((row) => row.skipped !== undefined).map((row) => row.page),
      meetsGoals: measured.length === rows.length && measured.every((row) => row.meets!.depth && row.meets!.firstLoadJs && row.failures!.length === 0),
      durationS: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    prioritize(process.pid, 0);
    if (stack) {
      await stopChild(stack.app);
      await stopChild(stack.emulator);
    }
    await dropDatabase?.().catch((error: unknown) => log(`could not drop the scratch database: ${error instanceof Error ? error.message : String(error)}`));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const currentBuildId = () => {
  try {
    return buildId();
  } catch {
    return undefined;
  }
};

export async function benchPages({ build = true, ...options }: Options & { build?: boolean } = {}) {
  for (let attempt = 1; ; attempt++) {
    if (build) await buildApp();
    const builtId = currentBuildId();
    try {
      return await runOnce(options);
    } catch (error) {
      // Another run (e.g. `node scripts/e2e.mjs`) rebuilt .next under this one: build again, measure again.
      const rebuilt = error instanceof BuildChangedError || currentBuildId() !== builtId;
      if (!rebuilt || attempt >= 3) throw error;
      log(`.next changed while the bench ran (${error instanceof Error ? error.message : String(error)}); building again and starting over`);
    }
  }
}
