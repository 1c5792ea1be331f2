import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("npm run demo with a bad setting", () => {
  it("exits non-zero before building, naming the variable with an example", () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, "scripts", "demo.mjs")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: "not-a-url", NODE_ENV: "production" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL: must be a postgresql:// URL with a host");
    expect(result.stderr).toContain("example: DATABASE_URL=postgresql://");
    expect(result.stdout).not.toContain("Building");
  });
});
