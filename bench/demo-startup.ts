// Time from `npm run demo` to ready on a fresh clone (after `npm install`), a warm restart, and
// the app's idle RSS.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { descendantsOf } from "./process-rss";
import { freePort, waitForHttp } from "../scripts/lib/processes.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");

function mustRun(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CI: "true" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd}`);
}

async function timeDemoToReady(clone: string, port: number) {
  const env = { ...process.env, PORT: String(port), DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1" };
  const started = performance.now();
  const demo = spawn("npm", ["run", "demo"], { cwd: clone, env, stdio: "ignore", detached: true });
  try {
    const ready = await waitForHttp(`http://127.0.0.1:${port}/api/readyz`, { timeoutMs: 300_000 });
    const readyMs = Math.round(performance.now() - started);
    const { database } = (await ready.json()) as { database: { kind: string } };
    const health = await fetch(`http://127.0.0.1:${port}/api/healthz`);
    if (health.status !== 200 || database.kind !== "embedded") {
      throw new Error(`demo not healthy: /api/healthz ${health.status}, database ${database.kind}`);
    }
    // Let start-up work settle before reading idle memory.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    // The Next.js server renames its process "next-server"; PGlite runs inside it.
    const tree = descendantsOf(demo.pid!);
    const app = tree.filter((child) => child.command.startsWith("next-server"));
    if (app.length !== 1) throw new Error(`expected one next-server process below the demo, found ${app.length}`);
    return { readyMs, appRssMiB: app[0]!.rssMiB, demoTreeRssMiB: tree.reduce((sum, child) => sum + child.rssMiB, 0) };
  } finally {
    const exited = new Promise((resolve) => demo.once("exit", resolve));
    process.kill(-demo.pid!, "SIGINT");
    await exited;
  }
}

export async function benchDemoStartup() {
  const clone = mkdtempSync(path.join(tmpdir(), "stagegate-bench-clone-"));
  try {
    mustRun("git", ["clone", "--quiet", ROOT, clone], ROOT);
    const installStarted = performance.now();
    mustRun("npm", ["install", "--no-audit", "--no-fund"], clone);
    const installMs = Math.round(performance.now() - installStarted);
    const port = await freePort();
    const cold = await timeDemoToReady(clone, port);
    const warm = await timeDemoToReady(clone, port);
    return {
      npmInstallMs: installMs,
      demoFreshCloneToReadyMs: cold.readyMs,
      demoRestartToReadyMs: warm.readyMs,
      appIdleRssMiB: cold.appRssMiB,
      appIdleRssAfterRestartMiB: warm.appRssMiB,
      demoProcessTreeRssMiB: Math.round(cold.demoTreeRssMiB),
    };
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}
