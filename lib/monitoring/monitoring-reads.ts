import "server-only";
import type { z } from "zod";
import { settleUpstream, type UpstreamProblem } from "@/lib/errors/upstream-problem";
import type { Services } from "@/lib/services/services";

/** Monitoring tables are written hourly (drift) or every 5 minutes (probes): a read is fresh for 5 minutes. */
export const MONITORING_READ_FRESH_MS = 5 * 60_000;

/** What a monitoring read takes: Log Analytics (client and the process's read cache) and the clock. */
export type MonitoringServices = Pick<Services, "logAnalytics" | "now">;

/** A panel's data: the rows, when Log Analytics produced them, and why they are old if they are; or the problem. */
export type PanelReading<T> = { value: T; asOf: string; staleBecause: string | null; problem: null } | { value: null; asOf: null; staleBecause: null; problem: UpstreamProblem };

export interface MonitoringQuery<Schema extends z.ZodType> {
  name: string;
  text: string;
  timespan: { from: Date; to: Date };
  row: Schema;
}

/**
 * One monitoring query through the process's Log Analytics read cache, keyed by its full text (the
 * caller rounds a live range's end, so requests within a refresh share one query). A failure with
 * an earlier answer gives that answer with its age; without one, the problem for the panel to show.
 */
export async function readPanel<Schema extends z.ZodType>(services: MonitoringServices, query: MonitoringQuery<Schema>): Promise<PanelReading<z.infer<Schema>[]>> {
  const read = await settleUpstream(() =>
    services.logAnalytics.cache.read(`monitoring:${query.name}:${query.timespan.from.toISOString()}:${query.text}`, () => services.logAnalytics.client().query(query), { freshMs: MONITORING_READ_FRESH_MS }),
  );
  if (read.problem) return { value: null, asOf: null, staleBecause: null, problem: read.problem };
  return { value: read.value.value, asOf: read.value.asOf.toISOString(), staleBecause: read.value.staleBecause ?? null, problem: null };
}

/** The same panel with its rows turned into what the page draws. */
export function mapPanel<T, U>(reading: PanelReading<T>, map: (value: T) => U): PanelReading<U> {
  return reading.problem ? reading : { ...reading, value: map(reading.value) };
}

/** A live range's end rounded down to the refresh interval, so the query text (and its cache key) holds still meanwhile. */
export function roundedNow(now: Date): Date {
  return new Date(Math.floor(now.getTime() / MONITORING_READ_FRESH_MS) * MONITORING_READ_FRESH_MS);
}

/** When a page showing data up to now should read again: the next rounded end. */
export function nextRefreshAt(now: Date): string {
  return new Date(roundedNow(now).getTime() + MONITORING_READ_FRESH_MS).toISOString();
}
