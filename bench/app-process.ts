// A bench's own app processes: started again as the stack started them, at a raised CPU priority,
// and waited for on the liveness route.
import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

/** The nice value of the app, the emulator and this client while measuring (see prioritize). */
const PRIORITY = -10;
const log = (line: string) => process.stderr.write(`[bench pages] ${line}\n`);

/** The environment a running process was started with (Linux): the stack's app, to start it again as it was. */
export function environmentOf(pid: number): Record<string, string> {
  const raw = readFileSync(`/proc/${pid}/environ`, "utf8");
  return Object.fromEntries(
    raw
      .split("\0")
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

/**
 * Raises a process's CPU priority (every thread; Linux applies nice per thread), so that other work
 * on a shared machine delays the page loads less: the bench measures 100 ms steps. Needs root (or
 * CAP_SYS_NICE); without it the bench runs at normal priority and says so once.
 */
let priorityRefused = false;
export function prioritize(pid: number, priority = PRIORITY): void {
  let tids: number[];
  try {
    tids = readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    tids = [pid];
  }
  for (const tid of tids) {
    try {
      os.setPriority(tid, priority);
    } catch {
      if (!priorityRefused) log("could not raise the processes' CPU priority (not root?): timings are more exposed to other work");
      priorityRefused = true;
      return;
    }
  }
}

/** Waits until a fresh app answers its liveness route (no I/O: readiness would call every upstream and warm connections). */
export async function liveness(url: string, app: ChildProcess) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (app.exitCode !== null || app.signalCode !== null) throw new Error(`the app exited (${app.exitCode ?? app.signalCode}) before it answered`);
    try {
      if ((await fetch(`${url}/api/healthz`, { signal: AbortSignal.timeout(5000) })).status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error("the app did not answer /api/healthz within 120 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
