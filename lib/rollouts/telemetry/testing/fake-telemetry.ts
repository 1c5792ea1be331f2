// Log Analytics in memory for the rollout telemetry tests and the role matrix: canned rows per
// query name (parsed by the query's own row schema), a movable clock shared with the read cache,
// and a record of every query that reached "Log Analytics".
import type { z } from "zod";
import { LogAnalyticsError, type LogsQuery } from "@/lib/sources/log-analytics/log-analytics-client";
import { ReadCache } from "@/lib/sources/read-cache";
import type { TelemetryReads } from "../read-arm-stats";

export const SAMPLE_ROWS: Record<string, Record<string, unknown>[]> = {
  armStats: [
    { Deployment: "blue", Traffic: "live", Requests: 5400, Failures: 16, P95Ms: 81.5, SampledRows: 270 },
    { Deployment: "green", Traffic: "live", Requests: 600, Failures: 2, P95Ms: 84, SampledRows: 30 },
  ],
  armSeries: [{ BinStart: "2026-11-20T11:59:00Z", Deployment: "blue", Traffic: "live", Requests: 360, Failures: 1, P95Ms: 80, SampledRows: 18, ErrorRate: 1 / 360 }],
  armKpi: [],
  endpointAvailability: [{ Total: 12_000_000, Bad: 3600 }],
};

export interface FakeTelemetry {
  reads: TelemetryReads;
  /** Queries sent, in order. */
  sent: { name: string; text: string; timespan: { from: Date; to: Date } }[];
  advance(ms: number): void;
  /** Every query fails from now on with a transient error (until set back to false). */
  failing: boolean;
  /** Resolves the queries held back by hold(); while held, queries wait. */
  hold(): () => void;
}

export function fakeTelemetry(options: { now?: string; rows?: Record<string, Record<string, unknown>[]> } = {}): FakeTelemetry {
  let now = new Date(options.now ?? "2026-11-20T12:00:03Z").getTime();
  const rows = { ...SAMPLE_ROWS, ...options.rows };
  let gate: Promise<void> | undefined;
  const fake: FakeTelemetry = {
    sent: [],
    failing: false,
    advance: (ms) => (now += ms),
    hold() {
      let release = () => {};
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
    reads: {
      now: () => now,
      cache: new ReadCache({ freshMs: 15_000, maxEntries: 100, now: () => now }),
      client: {
        async query<Schema extends z.ZodType>(query: LogsQuery<Schema>): Promise<z.infer<Schema>[]> {
          fake.sent.push({ name: query.name, text: query.text, timespan: query.timespan });
          if (gate) await gate;
          if (fake.failing) throw new LogAnalyticsError(`Log Analytics refused "${query.name}" with 503 ServiceUnavailableError.`, 503, "ServiceUnavailableError", true);
          return (rows[query.name] ?? []).map((row) => query.row.parse(row));
        },
      },
    },
  };
  return fake;
}
