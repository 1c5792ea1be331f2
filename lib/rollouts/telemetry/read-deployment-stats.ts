import "server-only";
import { AVAILABILITY_SLO, errorBudget, type ErrorBudget } from "@/lib/domain/slo/error-budget";
import { LOG_ANALYTICS_FRESH_MS } from "@/lib/sources/log-analytics";
import type { Services } from "@/lib/services/services";
import { availabilityObjectiveOf, type AvailabilityObjective } from "@/lib/slos/slo-definition-store";
import {
  deploymentKpiQuery,
  deploymentKpiRow,
  deploymentSeriesQuery,
  deploymentSeriesRow,
  deploymentStatsQuery,
  deploymentStatsRow,
  endpointAvailabilityQuery,
  endpointAvailabilityRow,
  type EndpointWindow,
} from "./deployment-stats.kql";
import { deploymentsFromRows, kpisFromRows, seriesFromRows, type DeploymentKpi, type DeploymentSeries, type DeploymentTelemetry } from "./deployment-telemetry";
import { bucketedNow, bucketWindow, seriesBinMs, type BucketedWindow, type TelemetryWindow } from "./telemetry-window";

// Cached reads of rollout telemetry. Every read goes through the process's Log Analytics read
// cache under a key naming the query, the endpoint and the window, so any number of pollers cost
// one query per key per refresh interval; the window's end is rounded to that interval.

/** What a telemetry read uses: Log Analytics (client and the process's read cache) and the clock. */
export type TelemetryServices = Pick<Services, "logAnalytics" | "now">;

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

/**
 * For the gates: a verdict may not rest on numbers older than their refresh interval, yet the
 * process's cache serves an old answer at once while it refreshes it. So the gates' reads refresh
 * once half the interval has passed: their reader gets the answer at once while the refresh runs,
 * and the numbers a verdict sees stay younger than the interval while Log Analytics answers.
 */
export interface ReadOptions {
  forVerdict?: boolean;
}

const bounds = (window: { from: Date; to: Date }): WindowBounds => ({ from: window.from.toISOString(), to: window.to.toISOString() });

async function cachedRead<T>(
  services: TelemetryServices,
  query: string,
  endpoint: string,
  window: TelemetryWindow,
  load: (bucket: BucketedWindow) => Promise<T>,
  options: ReadOptions & { refreshMs?: number } = {},
): Promise<Reading<T>> {
  const refreshMs = options.refreshMs ?? LOG_ANALYTICS_FRESH_MS;
  const intervalMs = options.forVerdict ? refreshMs / 2 : refreshMs;
  const nowMs = () => services.now().getTime();
  const windowKey = bucketWindow(window, nowMs(), intervalMs).key;
  // The bounds are taken when the load runs, so a refreshed value covers the window up to then.
  const cached = await services.logAnalytics.cache.read(`rollout-telemetry:${query}:${endpoint}:${windowKey}`, () => load(bucketWindow(window, nowMs(), intervalMs)), { freshMs: intervalMs });
  return { value: cached.value, asOf: cached.asOf.toISOString(), ...(cached.staleBecause ? { staleBecause: cached.staleBecause } : {}) };
}

const span = ({ from, to }: BucketedWindow) => ({ from, to });
const endpointWindow = (endpoint: string, bucket: BucketedWindow): EndpointWindow => ({ endpoint, from: bucket.from, to: bucket.to });

/** Requests, failures and p95 per deployment, live and mirrored apart, over the window. */
export function readDeploymentStats(services: TelemetryServices, endpoint: string, window: TelemetryWindow, options: ReadOptions = {}): Promise<Reading<{ window: WindowBounds; deployments: DeploymentTelemetry[] }>> {
  return cachedRead(
    services,
    "deploymentStats",
    endpoint,
    window,
    async (bucket) => {
      const rows = await services.logAnalytics.client().query({ name: "deploymentStats", text: deploymentStatsQuery(endpointWindow(endpoint, bucket)), timespan: span(bucket), row: deploymentStatsRow });
      return { window: bounds(bucket), deployments: deploymentsFromRows(rows) };
    },
    options,
  );
}

/** The same per time bin (a minute for windows up to 6 hours), for the step view's charts. */
export function readDeploymentSeries(services: TelemetryServices, endpoint: string, window: TelemetryWindow): Promise<Reading<{ window: WindowBounds; binMs: number; series: DeploymentSeries[] }>> {
  return cachedRead(services, "deploymentSeries", endpoint, window, async (bucket) => {
    const binMs = seriesBinMs(bucket);
    const rows = await services.logAnalytics.client().query({
      name: "deploymentSeries",
      text: deploymentSeriesQuery({ ...endpointWindow(endpoint, bucket), binMs }),
      timespan: span(bucket),
      row: deploymentSeriesRow,
    });
    return { window: bounds(bucket), binMs, series: seriesFromRows(rows) };
  });
}

/** Outcomes of the predictions each deployment made in the window; empty until their labels arrive (days later). */
export function readDeploymentKpis(services: TelemetryServices, endpoint: string, window: TelemetryWindow, options: ReadOptions = {}): Promise<Reading<{ window: WindowBounds; kpis: DeploymentKpi[] }>> {
  return cachedRead(
    services,
    "deploymentKpi",
    endpoint,
    window,
    async (bucket) => {
      // Labels are written after the window, so the scan runs from its start up to now.
      const timespan = { from: bucket.from, to: new Date(Math.max(bucket.to.getTime(), bucketedNow(services.now().getTime(), LOG_ANALYTICS_FRESH_MS))) };
      const rows = await services.logAnalytics.client().query({ name: "deploymentKpi", text: deploymentKpiQuery(endpointWindow(endpoint, bucket)), timespan, row: deploymentKpiRow });
      return { window: bounds(bucket), kpis: kpisFromRows(rows) };
    },
    options,
  );
}

/** A 30-day scan is the costliest query and its budget barely moves in minutes: refreshed every 5 minutes. */
export const AVAILABILITY_REFRESH_MS = 5 * 60_000;

/**
 * What the availability budget reads: Log Analytics and the clock, and the database when given,
 * where the endpoint's availability SLO is defined (without it, the blueprint's 99.9 % over 30 days).
 */
export type AvailabilityServices = TelemetryServices & Partial<Pick<Services, "db">>;

const BLUEPRINT_OBJECTIVE: AvailabilityObjective = { sloId: null, ...AVAILABILITY_SLO };

/**
 * The endpoint's availability error budget over its SLO's period (live requests), judged against the
 * SLO's target. The counts are cached, the budget is computed on each read, so an edited target
 * applies at once; an edited period is another window, hence another query.
 */
export async function readAvailabilityBudget(
  services: AvailabilityServices,
  endpoint: string,
  options: ReadOptions = {},
): Promise<Reading<{ window: WindowBounds; budget: ErrorBudget; slo: AvailabilityObjective }>> {
  const slo = services.db ? await availabilityObjectiveOf(services.db, endpoint) : BLUEPRINT_OBJECTIVE;
  const counted = await cachedRead(
    services,
    "endpointAvailability",
    endpoint,
    { kind: "trailing", durationMs: slo.periodDays * 86_400_000 },
    async (bucket) => {
      const rows = await services.logAnalytics.client().query({
        name: "endpointAvailability",
        text: endpointAvailabilityQuery(endpointWindow(endpoint, bucket)),
        timespan: span(bucket),
        row: endpointAvailabilityRow,
      });
      const counts = rows[0] ?? { Total: 0, Bad: 0 };
      return { window: bounds(bucket), total: counts.Total, bad: counts.Bad };
    },
    { ...options, refreshMs: AVAILABILITY_REFRESH_MS },
  );
  const { window, total, bad } = counted.value;
  return { ...counted, value: { window, budget: errorBudget({ total, bad }, slo.target), slo } };
}
