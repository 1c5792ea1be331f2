// Log Analytics in memory for the rollout telemetry tests and the role matrix: canned rows per
// query name (parsed by the query's own row schema, changeable mid-test), a movable clock shared
// with the read cache, and a record of every query that reached "Log Analytics".
import type { z } from "zod";
import { LogAnalyticsError, type LogAnalyticsClient, type LogsQuery } from "@/lib/sources/log-analytics/log-analytics-client";
import { ReadCache } from "@/lib/sources/read-cache";
import type { Upstream } from "@/lib/sources/upstream";
import type { TelemetryServices } from "../read-deployment-stats";

export const SAMPLE_ROWS: Record<string, Record<string, unknown>[]> = {
  deploymentStats: [
    { Deployment: "blue", Traffic: "live", Requests: 5400, Failures: 16, P95Ms: 81.5, SampledRows: 270 },
    { Deployment: "green", Traffic: "live", Requests: 600, Failures: 2, P95Ms: 84, SampledRows: 30 },
  ],
  deploymentSeries: [{ BinStart: "2026-11-20T11:59:00Z", Deployment: "blue", Traffic: "live", Requests: 360, Failures: 1, P95Ms: 80, SampledRows: 18, ErrorRate: 1 / 360 }],
  deploymentKpi: [],
  endpointAvailability: [{ Total: 12_000_000, Bad: 3600 }],
};

export interface FakeTelemetry {
  /** Log Analytics as services hold it: the fake client, and a read cache on the fake's clock. */
  logAnalytics: Upstream<LogAnalyticsClient>;
  now: () => Date;
  /** What a telemetry read takes: `logAnalytics` and `now` above. */
  services: TelemetryServices;
  /** The rows each query name answers; a test may replace them. */
  rows: Record<string, Record<string, unknown>[]>;
  /** Queries sent, in order. */
  sent: { name: string; text: string; timespan: { from: Date; to: Date } }[];
  /** Moves the fake's own clock (not a clock given as `now`). */
  advance(ms: number): void;
  /** Every query fails from now on with a transient error (until set back to false). */
  failing: boolean;
  /** Only the queries of these names fail (e.g. ["endpointAvailability"]), as `failing` does. */
  failingQueries: Set<string>;
  /** Resolves the queries held back by hold(); while held, queries wait. */
  hold(): () => void;
}

/** `now` is the fake's starting time, or a clock of the test's own (e.g. the one its services use). */
export function fakeTelemetry(options: { now?: string | (() => Date); rows?: Record<string, Record<string, unknown>[]> } = {}): FakeTelemetry {
  let nowMs = new Date(typeof options.now === "string" ? options.now : "2026-11-20T12:00:03Z").getTime();
  const now = typeof options.now === "function" ? options.now : () => new Date(nowMs);
  let gate: Promise<void> | undefined;
  const client = {
    async query<Schema extends z.ZodType>(query: LogsQuery<Schema>): Promise<z.infer<Schema>[]> {
      fake.sent.push({ name: query.name, text: query.text, timespan: query.timespan });
      if (gate) await gate;
      if (fake.failing || fake.failingQueries.has(query.name)) throw new LogAnalyticsError(`Log Analytics refused "${query.name}" with 503 ServiceUnavailableError.`, 503, "ServiceUnavailableError", true);
      return (fake.rows[query.name] ?? []).map((row) => query.row.parse(row));
    },
  } as unknown as LogAnalyticsClient;
  const logAnalytics: Upstream<LogAnalyticsClient> = { client: () => client, cache: new ReadCache({ freshMs: 15_000, maxEntries: 100, now: () => now().getTime() }) };
  const fake: FakeTelemetry = {
    logAnalytics,
    now,
    services: { logAnalytics, now },
    rows: { ...SAMPLE_ROWS, ...options.rows },
    sent: [],
    failing: false,
    failingQueries: new Set(),
    advance: (ms) => (nowMs += ms),
    hold() {
      let release = () => {};
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
  };
  return fake;
}
