// Builds the standalone server when the sources changed since the last build.
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { run } from "./processes.mjs";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const STANDALONE_DIR = path.join(ROOT, ".next", "standalone");
export const SERVER_JS = path.join(STANDALONE_DIR, "server.js");
const STAMP = path.join(ROOT, ".next", "stagegate-build.json");

// Everything `next build` reads, including what its type check covers (the whole tsconfig).
const INPUTS = [
  "app",
  "components",
  "lib",
  "emulator",
  "e2e",
  "bench",
  "scripts",
  "testing",
  "public",
  "prisma",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
const SKIPPED = new Set(["node_modules", "generated"]);

function collect(relative, files) {
  const absolute = path.join(ROOT, relative);
  if (!existsSync(absolute)) return;
  if (statSync(absolute).isDirectory()) {
    for (const entry of readdirSync(absolute).sort()) {
      if (!SKIPPED.has(entry)) {
        collect(path.join(relative, entry), files);
      }
    }
  } else {
    files.push(relative);
  }
}

/** A hash of every file the build reads, so an unchanged tree is not rebuilt. */
export function sourceFingerprint() {
  const files = [];
  for (const input of INPUTS) collect(input, files);
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(readFileSync(path.join(ROOT, file))).update("\0");
  return hash.digest("hex");
}

function isUpToDate(fingerprint) {
  if (!existsSync(SERVER_JS) || !existsSync(STAMP)) return false;
  try {
    return JSON.parse(readFileSync(STAMP, "utf8")).fingerprint === fingerprint;
  } catch {
    return false;
  }
}

/** Runs `next build` and lays out the standalone folder as `node server.js` expects it. */
export async function buildApp({ force = false } = {}) {
  const fingerprint = sourceFingerprint();
  if (!force && isUpToDate(fingerprint)) {
    console.log("Build is up to date.");
    return;
  }
  console.log("Building Stagegate (next build)…");
  rmSync(STAMP, { force: true });
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const code = await run(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "build"], {
    env,
    cwd: ROOT,
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  // The standalone server serves these from its own folder; migrations are applied at start.
  cpSync(path.join(ROOT, ".next", "static"), path.join(STANDALONE_DIR, ".next", "static"), { recursive: true });
  if (existsSync(path.join(ROOT, "public"))) {
    cpSync(path.join(ROOT, "public"), path.join(STANDALONE_DIR, "public"), { recursive: true });
  }
  rmSync(path.join(STANDALONE_DIR, "prisma"), { recursive: true, force: true });
  cpSync(path.join(ROOT, "prisma", "migrations"), path.join(STANDALONE_DIR, "prisma", "migrations"), { recursive: true });
  writeFileSync(STAMP, JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }));
}
