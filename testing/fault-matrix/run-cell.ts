// One cell of the fault matrix: the page once with every upstream answering (its last good data),
// then, once that data is stale, with one upstream failing one way; and the table of all cells.
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SERVER_JS } from "../../scripts/lib/build.mjs";
import { startChild, stopChild } from "../../scripts/lib/processes.mjs";
import { liveness } from "../../bench/app-process";
import type { Endpoints } from "../../bench/app-session";
import { control } from "../../bench/emulator-control";
import type { Target, UserKey } from "../../bench/page-targets";
import { faultRule, UPSTREAM_NAMES, type Cell } from "./cells";
import { judge, type Load, type Verdict } from "./verdict";

export interface Matrix {
  url: string;
  endpoints: Endpoints;
  sessions: Record<UserKey, string>;
  /** The running app; replaced when a cell needs a fresh process. */
  app: ChildProcess;
  appEnv: Record<string, string>;
  appLogFile: string;
  /** Where a failing cell's HTML is kept, to read what the page showed. */
  htmlDir: string;
  timeoutMs: number;
  /** UPSTREAM_READ_FRESH_MS: after twice this, every cached read is stale and goes to its upstream. */
  freshMs: number;
  boundMs: number;
}

export interface Outcome extends Verdict {
  page: string;
  upstream: string;
  kind: string;
  status: number;
  ms: number;
  /** Requests the failing upstream received while the page loaded. */
  called: number;
  requestId: string | null;
  /** Fresh process: the app had no token and no cache when the fault began (Entra cells). */
  cold: boolean;
  logLines?: string[];
}

// Counts requests to the failing upstream: a latency rule of 0 ms applies to each and counts down.
const PROBE = 1_000_000;
/** A fresh process's first second is busy (the background loop's first pass): let it pass before the page. */
const COLD_SETTLE_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Longest a load may take before it counts as no answer (far past the bound: how late, not just late). */
const LOAD_LIMIT_MS = 30_000;

export async function loadPage(matrix: Matrix, target: Target): Promise<Load> {
  const headers: Record<string, string> = target.user ? { cookie: matrix.sessions[target.user] } : {};
  const began = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // A timer of our own, raced: the whole load (headers and the streamed body) ends by the limit.
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${LOAD_LIMIT_MS} ms`));
    }, LOAD_LIMIT_MS);
  });
  const load = async (): Promise<Load> => {
    const response = await fetch(`${matrix.url}${target.path}`, { headers, redirect: "manual", signal: controller.signal });
    const html = await response.text();
    return { status: response.status, html, requestId: response.headers.get("x-request-id"), ms: performance.now() - began };
  };
  try {
    return await Promise.race([load(), limit]);
  } catch (error) {
    // No answer (or the connection dropped): as bad as a 5xx.
    return { status: 599, html: `no answer: ${error instanceof Error ? error.message : String(error)}`, requestId: null, ms: performance.now() - began };
  } finally {
    clearTimeout(timer);
  }
}

/** The app's standalone server with this environment, its log lines appended to the file. */
export function startApp(env: Record<string, string>, logFile: string): ChildProcess {
  // A variable, not a literal: processes.mjs is untyped JavaScript whose inferred options omit logFile.
  const options = { env: env as unknown as NodeJS.ProcessEnv, quiet: true, logFile };
  return startChild("app", process.execPath, [SERVER_JS], options);
}

/** A fresh app process (no Entra token, empty caches), the page's code loaded without a session. */
async function restartApp(matrix: Matrix, target: Target): Promise<void> {
  await stopChild(matrix.app);
  matrix.app = startApp(matrix.appEnv, matrix.appLogFile);
  await liveness(matrix.url, matrix.app);
  const bogus = `${matrix.sessions["ml-lead"].split("=")[0]}=fault-matrix-no-such-session-00000000000000000000`;
  for (let warmup = 0; warmup < 2; warmup++) await (await fetch(`${matrix.url}${target.path}`, { headers: { cookie: bogus }, redirect: "manual" })).arrayBuffer();
}

/** The app's log lines of one request at warn or above, to quote with a failing cell. */
function logLinesOf(file: string, requestId: string | null): string[] {
  if (!requestId || !existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.includes(requestId) && /"level":(4|5|6)\d/.test(line))
    .slice(0, 3)
    .map((line) => line.slice(0, 600));
}

async function probeCount(matrix: Matrix, upstream: string): Promise<number> {
  const rules = JSON.parse(await control(matrix.endpoints, "/_emulator/faults")) as Record<string, { kind: string; latencyMs?: number; count?: number }[]>;
  const probe = rules[upstream]?.find((rule) => rule.kind === "latency" && rule.latencyMs === 0);
  return PROBE - (probe?.count ?? 0);
}

export async function runCell(matrix: Matrix, cell: Cell<Target>): Promise<Outcome> {
  const { page: target, upstream, kind } = cell;
  const healthy = await loadPage(matrix, target);
  // Entra ID: the app's token outlives any cell, so Entra is failing when a fresh process starts (no
  // token, no cache) and asks it; its first background pass is let by before the page is loaded.
  const cold = upstream === "entra";
  let load: Load;
  let called: number;
  try {
    if (!cold) await sleep(2 * matrix.freshMs + 50);
    await control(matrix.endpoints, "/_emulator/faults", "POST", faultRule(upstream, kind, matrix.timeoutMs));
    await control(matrix.endpoints, "/_emulator/faults", "POST", { upstream, kind: "latency", latencyMs: 0, count: PROBE });
    if (cold) {
      await restartApp(matrix, target);
      await sleep(COLD_SETTLE_MS);
    }
    const before = await probeCount(matrix, upstream);
    load = await loadPage(matrix, target);
    called = (await probeCount(matrix, upstream)) - before;
  } finally {
    await control(matrix.endpoints, "/_emulator/faults", "DELETE");
  }
  // What a failing Entra ID left in the process (a token request that never settles) must not reach the next cells.
  if (cold) await restartApp(matrix, target);
  const verdict = judge(load, healthy, called, matrix.boundMs);
  const outcome: Outcome = { page: target.page, upstream, kind, status: load.status, ms: Math.round(load.ms), called, requestId: load.requestId, cold, ...verdict };
  if (!verdict.ok) {
    outcome.logLines = logLinesOf(matrix.appLogFile, load.requestId);
    mkdirSync(matrix.htmlDir, { recursive: true });
    writeFileSync(path.join(matrix.htmlDir, `${`${target.page} ${upstream} ${kind}`.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}.html`), load.html);
  }
  return outcome;
}

export function table(outcomes: Outcome[]): string {
  const header = ["page", "upstream", "fault", "status", "shown", "calls", "ms", "result"];
  const rows = outcomes.map((outcome) => [
    outcome.page,
    UPSTREAM_NAMES[outcome.upstream as keyof typeof UPSTREAM_NAMES] + (outcome.cold ? " (fresh process)" : ""),
    outcome.kind,
    String(outcome.status),
    outcome.shown,
    String(outcome.called),
    String(outcome.ms),
    outcome.ok ? "pass" : `FAIL: ${outcome.why}`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (cells: string[]) => `| ${cells.map((text, column) => text.padEnd(widths[column]!)).join(" | ")} |`;
  return [format(header), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...rows.map(format)].join("\n");
}
