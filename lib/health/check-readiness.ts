import "server-only";
import type { DatabaseKind } from "@/lib/db/database";

export interface DependencyProbe {
  name: string;
  reachable: boolean;
  roundTripMs: number;
  detail?: string;
}

export interface Readiness {
  ready: boolean;
  checkedAt: string;
  database: { kind: DatabaseKind } & Omit<DependencyProbe, "name">;
  upstreams: (DependencyProbe & { origin: string })[];
}

interface ReadinessInput {
  databaseKind: DatabaseKind;
  /** One round trip to the database (opening it first, when the caller has not). */
  queryDatabase: () => Promise<unknown>;
  upstreams: { name: string; url: string }[];
  timeoutMs: number;
}

/** What anonymous probes see: states and timings, no error text or addresses. */
export function publicReadiness(readiness: Readiness) {
  return {
    ready: readiness.ready,
    checkedAt: readiness.checkedAt,
    database: { kind: readiness.database.kind, reachable: readiness.database.reachable, roundTripMs: readiness.database.roundTripMs },
    upstreams: readiness.upstreams.map(({ name, reachable, roundTripMs }) => ({ name, reachable, roundTripMs })),
  };
}

/** Ready means the database answers; upstreams are reported but do not fail readiness. */
export async function checkReadiness(input: ReadinessInput): Promise<Readiness> {
  const [database, upstreams] = await Promise.all([
    probeDatabase(input.queryDatabase, input.timeoutMs),
    Promise.all(input.upstreams.map((upstream) => probeUpstream(upstream, input.timeoutMs))),
  ]);
  return {
    ready: database.reachable,
    checkedAt: new Date().toISOString(),
    database: { kind: input.databaseKind, ...database },
    upstreams,
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value?: T; error?: string; ms: number }> {
  const started = performance.now();
  try {
    const value = await work();
    return { value, ms: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { error: message, ms: Math.round((performance.now() - started) * 10) / 10 };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function probeDatabase(queryDatabase: () => Promise<unknown>, timeoutMs: number) {
  const result = await timed(() => withTimeout(queryDatabase(), timeoutMs, "the database"));
  return result.error === undefined
    ? { reachable: true, roundTripMs: result.ms }
    : { reachable: false, roundTripMs: result.ms, detail: result.error };
}

/** Any HTTP answer means reachable: a 401 or 404 still proves the service is there. */
async function probeUpstream(upstream: { name: string; url: string }, timeoutMs: number) {
  const origin = new URL(upstream.url).origin;
  const result = await timed(() => fetch(origin, { method: "HEAD", signal: AbortSignal.timeout(timeoutMs) }));
  return {
    name: upstream.name,
    origin,
    reachable: result.error === undefined,
    roundTripMs: result.ms,
    ...(result.error === undefined ? { detail: `HTTP ${result.value?.status}` } : { detail: result.error }),
  };
}
