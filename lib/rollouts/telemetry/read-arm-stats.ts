import "server-only";
import { AVAILABILITY_SLO, errorBudget, type ErrorBudget } from "@/lib/domain/slo-budget";
import { getLogAnalyticsClient, LOG_ANALYTICS_FRESH_MS, logAnalyticsReadCache, type LogAnalyticsClient } from "@/lib/sources/log-analytics";
import type { ReadCache } from "@/lib/sources/read-cache";
import {
  armKpiQuery,
  armKpiRow,
  armSeriesQuery,
  armSeriesRow,
  armStatsQuery,
  armStatsRow,
  endpointAvailabilityQuery,
  endpointAvailabilityRow,
  type EndpointWindow,
} from "./arm-stats.kql";
import { armsFromRows, kpisFromRows, seriesFromRows, type ArmKpi, type ArmSeries, type ArmTelemetry } from "./arm-telemetry";
import { bucketedNow, bucketWindow, seriesBinMs, type BucketedWindow, type TelemetryWindow } from "./telemetry-window";

// Cached reads of rollout telemetry. Every read goes through the process's Log Analytics read
// cache under a key naming the query, the endpoint and the window, so any number of pollers cost
// one query per key per refresh interval; the window's end is rounded to that interval.

export interface TelemetryReads {
  client: Pick<LogAnalyticsClient, "query">;
  cache: ReadCache;
  now: () => number;
}

export function appTelemetryReads(): TelemetryReads {
  return { client: getLogAnalyticsClient(), cache: logAnalyticsReadCache(), now: Date.now };
}

/** A cached reading: the value, when Log Analytics produced it, and why it is old if it is. */
export interface Reading<T> {
  value: T;
  /** ISO time the value was read from Log Analytics. */
  asOf: string;
  staleBecause?: string;
}

/** The window a value summarizes, as ISO times, [from, to). */
export interface WindowBounds {
  from: string;
  to: string;
}

const bounds = (window: { from: Date; to: Date }): WindowBounds => ({ from: window.from.toISOString(), to: window.to.toISOString() });

async function cachedRead<T>(
  reads: TelemetryReads,
  query: string,
  endpoint: string,
  window: TelemetryWindow,
  load: (bucket: BucketedWindow) => Promise<T>,
  refreshMs = LOG_ANALYTICS_FRESH_MS,
): Promise<Reading<T>> {
  const windowKey = bucketWindow(window, reads.now(), refreshMs).key;
  // The bounds are taken when the load runs, so a refreshed value covers the window up to then.
  const cached = await reads.cache.read(`rollout-telemetry:${query}:${endpoint}:${windowKey}`, () => load(bucketWindow(window, reads.now(), refreshMs)), { freshMs: refreshMs });
  return { value: cached.value, asOf: cached.asOf.toISOString(), ...(cached.staleBecause ? { staleBecause: cached.staleBecause } : {}) };
}

const span = ({ from, to }: BucketedWindow) => ({ from, to });
const endpointWindow = (endpoint: string, bucket: BucketedWindow): EndpointWindow => ({ endpoint, from: bucket.from, to: bucket.to });

/** Requests, failures and p95 per deployment, live and mirrored apart, over the window. */
export function readArmStats(reads: TelemetryReads, endpoint: string, window: TelemetryWindow): Promise<Reading<{ window: WindowBounds; arms: ArmTelemetry[] }>> {
  return cachedRead(reads, "armStats", endpoint, window, async (bucket) => {
    const rows = await reads.client.query({ name: "armStats", text: armStatsQuery(endpointWindow(endpoint, bucket)), timespan: span(bucket), row: armStatsRow });
    return { window: bounds(bucket), arms: armsFromRows(rows) };
  });
}

/** The same per time bin (a minute for windows up to 6 hours), for the step view's charts. */
export function readArmSeries(reads: TelemetryReads, endpoint: string, window: TelemetryWindow): Promise<Reading<{ window: WindowBounds; binMs: number; series: ArmSeries[] }>> {
  return cachedRead(reads, "armSeries", endpoint, window, async (bucket) => {
    const binMs = seriesBinMs(bucket);
    const rows = await reads.client.query({ name: "armSeries", text: armSeriesQuery({ ...endpointWindow(endpoint, bucket), binMs }), timespan: span(bucket), row: armSeriesRow });
    return { window: bounds(bucket), binMs, series: seriesFromRows(rows) };
  });
}

/** Outcomes of the predictions each deployment made in the window; empty until their labels arrive (days later). */
export function readArmKpis(reads: TelemetryReads, endpoint: string, window: TelemetryWindow): Promise<Reading<{ window: WindowBounds; kpis: ArmKpi[] }>> {
  return cachedRead(reads, "armKpi", endpoint, window, async (bucket) => {
    // Labels are written after the window, so the scan runs from its start up to now.
    const timespan = { from: bucket.from, to: new Date(Math.max(bucket.to.getTime(), bucketedNow(reads.now(), LOG_ANALYTICS_FRESH_MS))) };
    const rows = await reads.client.query({ name: "armKpi", text: armKpiQuery(endpointWindow(endpoint, bucket)), timespan, row: armKpiRow });
    return { window: bounds(bucket), kpis: kpisFromRows(rows) };
  });
}

const SLO_PERIOD_MS = AVAILABILITY_SLO.periodDays * 86_400_000;
/** A 30-day scan is the costliest query and its budget barely moves in minutes: refreshed every 5 minutes. */
export const AVAILABILITY_REFRESH_MS = 5 * 60_000;

/** The endpoint's availability error budget over the last 30 days (live requests; 99.9 %). */
export function readAvailabilityBudget(reads: TelemetryReads, endpoint: string): Promise<Reading<{ window: WindowBounds; budget: ErrorBudget }>> {
  return cachedRead(reads, "endpointAvailability", endpoint, { kind: "trailing", durationMs: SLO_PERIOD_MS }, async (bucket) => {
    const rows = await reads.client.query({
      name: "endpointAvailability",
      text: endpointAvailabilityQuery(endpointWindow(endpoint, bucket)),
      timespan: span(bucket),
      row: endpointAvailabilityRow,
    });
    const counts = rows[0] ?? { Total: 0, Bad: 0 };
    return { window: bounds(bucket), budget: errorBudget({ total: counts.Total, bad: counts.Bad }, AVAILABILITY_SLO.target) };
  }, AVAILABILITY_REFRESH_MS);
}
