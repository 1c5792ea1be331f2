// Child processes for the demo, e2e and bench: prefixed output, readiness waits, clean stops.
import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { createServer } from "node:net";

const children = new Set();

/** Starts a long-running child whose lines are prefixed with its name. */
export function startChild(name, command, args, { env = process.env, cwd, quiet = false, logFile } = {}) {
  const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
  children.add(child);
  const relay = (stream, target) => {
    let carry = "";
    stream.on("data", (chunk) => {
      const lines = (carry + chunk.toString()).split("\n");
      carry = lines.pop() ?? "";
      if (!quiet) for (const line of lines) target.write(`[${name}] ${line}\n`);
      if (logFile && lines.length > 0) appendFileSync(logFile, lines.map((line) => `${line}\n`).join(""));
    });
  };
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  child.on("exit", () => children.delete(child));
  return child;
}

/** Runs a command to completion with inherited output (stdout to stderr when quiet); resolves with its exit code. */
export function run(command, args, { env = process.env, cwd, quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, cwd, stdio: quiet ? ["inherit", 2, "inherit"] : "inherit", detached: true });
    children.add(child);
    child.on("exit", (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
    child.on("error", () => resolve(127));
  });
}

/** Stops a child and its process group: SIGTERM, then SIGKILL after the grace period. */
export async function stopChild(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

export async function stopAllChildren() {
  await Promise.all([...children].map((child) => stopChild(child)));
}

let stopping = false;
const cleanups = [];

/** Registers work to do when the run ends, normally or on Ctrl-C (e.g. drop a scratch database). */
export function onShutdown(cleanup) {
  cleanups.push(cleanup);
}

/** Stops every child, then runs the registered cleanups, newest first, once. */
export async function shutdown() {
  await stopAllChildren();
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`cleanup failed: ${error instanceof Error ? error.message : error}`);
    }
  }
}

/** True once a stop signal arrived: children exiting then is expected. */
export function isStopping() {
  return stopping;
}

/** Stops every child on Ctrl-C / SIGTERM, then exits. */
export function stopChildrenOnSignals() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      process.stdout.write(`\nStopping Stagegate (${signal})…\n`);
      await shutdown();
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  }
}

/** Polls a URL until it answers with one of the wanted statuses, or the child dies, or time runs out. */
export async function waitForHttp(url, { timeoutMs = 120_000, statuses = [200], child } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`the process serving ${url} exited (code ${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (statuses.includes(response.status)) return response;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not ready within ${timeoutMs / 1000} s (last: ${last})`);
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
