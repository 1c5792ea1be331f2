// The fault matrix's cells: every page × every upstream the emulator stands in for × every way an
// upstream fails; the whole matrix with --all, else a sample that rotates with a seed.
import { UPSTREAMS, type Upstream } from "../../emulator/http/faults";

export const KINDS = ["500", "429", "timeout", "hang"] as const;
export type Kind = (typeof KINDS)[number];

export interface Cell<Page> {
  page: Page;
  upstream: Upstream;
  kind: Kind;
}

/** How people know each upstream; the emulator's short names are its own. */
export const UPSTREAM_NAMES: Record<Upstream, string> = {
  entra: "Entra ID",
  mlflow: "MLflow",
  logs: "Log Analytics",
  metrics: "Azure Monitor metrics",
  arm: "ARM",
  cost: "Cost Management",
};

/** What the Retry-After of a 429 says: longer than a page may take, so a client that sleeps it through shows. */
export const RETRY_AFTER_SECONDS = 20;

/** The emulator's fault rule for one kind; `timeoutMs` is the app's UPSTREAM_TIMEOUT_MS. */
export function faultRule(upstream: Upstream, kind: Kind, timeoutMs: number) {
  switch (kind) {
    case "500":
      return { upstream, kind: "error", status: 500 };
    case "429":
      return { upstream, kind: "throttle", retryAfterSeconds: RETRY_AFTER_SECONDS };
    case "timeout":
      // Answers, but well after the app stopped waiting.
      return { upstream, kind: "latency", latencyMs: timeoutMs * 3 };
    case "hang":
      return { upstream, kind: "hang" };
  }
}

const pairs = UPSTREAMS.flatMap((upstream) => KINDS.map((kind) => ({ upstream, kind })));

export function allCells<Page>(pages: readonly Page[]): Cell<Page>[] {
  return pages.flatMap((page) => pairs.map((pair) => ({ page, ...pair })));
}

/** Today's seed (UTC date as YYYYMMDD): the sample rotates daily and a day's run can be replayed. */
export const seedOfToday = (now = new Date()) => Number(now.toISOString().slice(0, 10).replace(/-/g, ""));

/**
 * A sample that covers every upstream × kind at least once and every page at least once: cell j
 * takes pair (j + a) and page (j + b), with offsets a and b from the seed, for max(pairs, pages) cells.
 */
export function sampleCells<Page>(pages: readonly Page[], seed: number): Cell<Page>[] {
  if (pages.length === 0) return [];
  const count = Math.max(pairs.length, pages.length);
  const a = seed % pairs.length;
  const b = Math.floor(seed / pairs.length) % pages.length;
  return Array.from({ length: count }, (_, j) => ({ page: pages[(j + b) % pages.length]!, ...pairs[(j + a) % pairs.length]! }));
}
