import { spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { portIsFree } from "./lib/free-ports.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");

async function freeRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const free = await Promise.all(Array.from({ length: count }, (_, index) => portIsFree(base + index)));
    if (free.every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports`);
}

describe("npm run demo's port check", () => {
  it("checks the emulator's seventh port (Entra ID's sign-in pages for the browser, plain HTTP) before building", async () => {
    const base = await freeRange(8);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen({ port: base + 6, host: "127.0.0.1" }, resolve));
    try {
      const result = spawnSync(process.execPath, [path.join(ROOT, "scripts", "demo.mjs")], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, NODE_ENV: "production", PORT: String(base + 7), EMULATOR_PORT: String(base) },
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`Port ${base + 6} (emulator's Entra ID sign-in pages (http)) is already in use by another program`);
      expect(result.stderr).toContain("EMULATOR_PORT=");
      expect(result.stdout).not.toContain("Building");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
