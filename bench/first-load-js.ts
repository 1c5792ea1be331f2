// First-load JS of a page route of the build, for the page bench (bench/pages.ts).
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { NEXT_DIR } from "./page-targets";

const round1 = (value: number) => Math.round(value * 10) / 10;

// First-load JS, gzip: what a browser must fetch and run before the page is interactive. With
// Turbopack there is no per-page size in the build output any more, so it is computed from the
// build: the runtime's `rootMainFiles` (.next/build-manifest.json) plus every chunk of every client
// component in the route's segment tree, which the route's client reference manifest
// (.next/server/app/<route>/page_client-reference-manifest.js) lists per segment file (layouts,
// page, error / not-found / forbidden / global-error boundaries) as `entryJSFiles`. That union is
// exactly the set of <script src> tags Next puts in the page's HTML, less `polyfillFiles` (loaded
// with `noModule`, which current browsers skip); the bench checks this against each measured page's
// HTML and reports any script outside it. Chunks loaded later (next/dynamic, lazy imports) are not
// first-load. Each file is gzipped with zlib at level 9 (as the `gzip-size` package Next's build
// output used) and the sizes summed; kB = 1000 bytes, as Next printed it.
const gzipSizes = new Map<string, number>();
function gzipSize(file: string): number {
  let size = gzipSizes.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(NEXT_DIR, file)), { level: 9 }).length;
    gzipSizes.set(file, size);
  }
  return size;
}

export function firstLoadJs(route: string): { kB: number; files: string[] } {
  const buildManifest = JSON.parse(readFileSync(path.join(NEXT_DIR, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const key = `${route === "/" ? "" : route}/page`;
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  vm.runInNewContext(readFileSync(path.join(NEXT_DIR, "server", "app", `${key}_client-reference-manifest.js`), "utf8"), sandbox);
  const entry = sandbox.__RSC_MANIFEST?.[key];
  if (!entry?.entryJSFiles) throw new Error(`the client reference manifest of ${route} has no entryJSFiles`);
  const files = [...new Set([...buildManifest.rootMainFiles, ...Object.values(entry.entryJSFiles).flat()])].sort();
  return { kB: round1(files.reduce((sum, file) => sum + gzipSize(file), 0) / 1000), files };
}
