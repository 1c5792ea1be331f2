import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// No Docker engine runs here, so this checks what the Dockerfile relies on: the standalone build
// has server.js, it starts on its own with a fresh data folder, and answers the healthcheck.
const ROOT = path.resolve(import.meta.dirname, "..");
const SERVER_JS = path.join(ROOT, ".next", "standalone", "server.js");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

test("the standalone build has server.js, starts alone and answers /api/healthz", async () => {
  expect(existsSync(SERVER_JS)).toBe(true);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "stagegate-standalone-"));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, PORT: String(port), HOSTNAME: "127.0.0.1", DATA_DIR: dataDir, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "true" };
  const server = spawn(process.execPath, [SERVER_JS], { env, cwd: path.dirname(SERVER_JS), stdio: "ignore" });
  try {
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/healthz`).catch(() => null))?.status, { timeout: 60_000 })
      .toBe(200);
    // The embedded database was migrated at start from the migrations copied into the build.
    const ready = await (await fetch(`http://127.0.0.1:${port}/api/readyz`)).json();
    expect(ready).toMatchObject({ ready: true, database: { kind: "embedded", reachable: true } });
    // SIGTERM closes the embedded database and exits (the Dockerfile relies on it).
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    expect(await exited).toBe(143);
    expect(existsSync(path.join(dataDir, "pglite", "stagegate.lock"))).toBe(false);
  } finally {
    server.kill("SIGKILL");
  }
});

test("the standalone server refuses to start on a bad setting, naming it", async () => {
  const server = spawn(process.execPath, [SERVER_JS], {
    env: { PATH: process.env.PATH, PORT: String(await freePort()), HOSTNAME: "127.0.0.1", LOG_LEVEL: "loud", NODE_ENV: "production" },
    cwd: path.dirname(SERVER_JS),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise((resolve) => server.once("exit", resolve));
  expect(code).toBe(1);
  expect(output).toContain("LOG_LEVEL:");
  expect(output).toContain("example: LOG_LEVEL=info");
});

test("the Dockerfile runs that server.js as a non-root user with a healthcheck on /api/healthz", () => {
  const dockerfile = readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
  expect(dockerfile).toMatch(/^FROM .* AS build$/m);
  expect(dockerfile).toMatch(/COPY --from=build .*\.next\/standalone/);
  expect(dockerfile).toMatch(/^USER (?!root)\w+/m);
  expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*?\/api\/healthz/m);
  expect(dockerfile).toMatch(/^CMD \["node", "server\.js"\]/m);
});
