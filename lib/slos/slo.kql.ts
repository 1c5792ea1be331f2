// The KQL of the SLO page (issue 15). One query per SLO and refresh counts, in the engine, the good,
// valid and seen events of every alert window and of the whole period in one pass (a sumif per
// window); a second counts them per cell of the period for the burn-down and burn-rate charts.
// Inputs arrive as `let` parameters (see withParameters): the subject (endpointName, or
// consumerElement for a model), the threshold, periodStart and periodEnd [start, end), scanStart (the
// earlier of periodStart and the longest window's start), each window's start (since5m … since3d),
// and cellSize for the series. Every bound is a datetime literal the caller rounds to the refresh, so
// the text (and its cache key) holds still within a refresh; only the examples below use ago().
//
// Events: AppRequests is sampled, so requests are counted with sum(ItemCount); mirrored (shadow)
// copies reached no customer and are left out. Latency counts successful requests only, as the
// reference's sketch does: a failure is the availability SLO's bad event, and its duration (a fast
// 503, a 30 s timeout) says nothing about how fast the endpoint answers. A freshness probe is one
// event per feature table the model reads (Consumers, a JSON array, lists it).
//
// Seen counts every row of the subject whether valid or not: a window that saw nothing has no data
// (absent telemetry), which a window whose requests all failed (seen, none valid for latency) is not.
import type { SloDefinition } from "../domain/slo/definitions";
import { z } from "zod";
import { ALERT_WINDOWS, type AlertWindow } from "../domain/slo/burn-rate-alerts";
import { kqlAgoLiteral, kqlRealLiteral, kqlStringLiteral, kqlTimespanLiteral, withParameters, type KqlLiteral } from "../sources/log-analytics/kql-parameters";
import { logsColumn } from "../sources/log-analytics/log-analytics-rows";

export type KqlSloKind = "latency" | "availability" | "freshness";

interface KindText {
  /** The subject's rows between scanStart and periodEnd. */
  source: string;
  /** How events are counted: requests weighted by ItemCount, probes one each. */
  count: (condition: string) => string;
  countAll: string;
  /** Valid events (null: every event is valid). */
  valid: string | null;
  good: string;
}

const LIVE_REQUESTS = `
AppRequests
| where TimeGenerated >= scanStart and TimeGenerated < periodEnd
| where tostring(Properties.endpoint) == endpointName and tostring(Properties.mirrored) != "true"`;

const requests = { source: LIVE_REQUESTS, count: (condition: string) => `sumif(ItemCount, ${condition})`, countAll: "sum(ItemCount)" };

const KINDS: Record<KqlSloKind, KindText> = {
  latency: { ...requests, valid: "Success == true", good: "Success == true and DurationMs <= thresholdMs" },
  availability: { ...requests, valid: null, good: "Success == true" },
  freshness: {
    // tostring of a dynamic array is its compact JSON, so the quoted name matches one element exactly.
    source: `
FeatureFreshness_CL
| where TimeGenerated >= scanStart and TimeGenerated < periodEnd
| where tostring(Consumers) contains_cs consumerElement`,
    count: (condition: string) => `countif(${condition})`,
    countAll: "count()",
    valid: null,
    good: "LagMinutes < thresholdMinutes",
  },
};

/** The windows of the alert table and the whole period, as result column suffixes. */
export const COUNTED_SPANS = [...(Object.keys(ALERT_WINDOWS) as AlertWindow[]), "Period"] as const;
export type CountedSpan = (typeof COUNTED_SPANS)[number];

const sinceParameter = (span: CountedSpan) => (span === "Period" ? "periodStart" : `since${span}`);
const both = (a: string | null, b: string) => (a ? `${a} and ${b}` : b);

function windowsText(kind: KindText): string {
  const columns = COUNTED_SPANS.flatMap((span) => {
    const inSpan = `TimeGenerated >= ${sinceParameter(span)}`;
    return [`Seen${span} = ${kind.count(inSpan)}`, `Total${span} = ${kind.count(both(kind.valid, inSpan))}`, `Good${span} = ${kind.count(both(kind.good, inSpan))}`];
  });
  return `${kind.source}
| summarize ${columns.join(",\n    ")}`;
}

function seriesText(kind: KindText): string {
  return `${kind.source}
| summarize Seen = ${kind.countAll}, Total = ${kind.valid ? kind.count(kind.valid) : kind.countAll}, Good = ${kind.count(kind.good)} by CellStart = bin(TimeGenerated, cellSize)
| order by CellStart asc`;
}

const WINDOWS_TEXT = Object.fromEntries(Object.entries(KINDS).map(([kind, text]) => [kind, windowsText(text)])) as Record<KqlSloKind, string>;
const SERIES_TEXT = Object.fromEntries(Object.entries(KINDS).map(([kind, text]) => [kind, seriesText(text)])) as Record<KqlSloKind, string>;

// Counts may come back null where an aggregate saw no rows.
const count = logsColumn.long.nullable().transform((value) => value ?? 0);

export const sloWindowsRow = z.object(Object.fromEntries(COUNTED_SPANS.flatMap((span) => [`Seen${span}`, `Total${span}`, `Good${span}`].map((name) => [name, count]))) as Record<`${"Seen" | "Total" | "Good"}${CountedSpan}`, typeof count>);
export const sloSeriesRow = z.object({ CellStart: logsColumn.datetime, Seen: count, Total: count, Good: count });
export type SloWindowsRow = z.infer<typeof sloWindowsRow>;
export type SloSeriesRow = z.infer<typeof sloSeriesRow>;

/** What a kind's query is about and where good ends. */
export type SloSubject = { kind: "latency"; endpoint: string; thresholdMs: number } | { kind: "availability"; endpoint: string } | { kind: "freshness"; model: string; thresholdMinutes: number };

/** What a definition's queries are about; null for training time, which MLflow answers, not Log Analytics. */
export function sloSubjectOf(definition: SloDefinition): SloSubject | null {
  switch (definition.kind) {
    case "latency":
      return { kind: "latency", endpoint: definition.endpoint, thresholdMs: definition.thresholdMs };
    case "availability":
      return { kind: "availability", endpoint: definition.endpoint };
    case "freshness":
      return { kind: "freshness", model: definition.model, thresholdMinutes: definition.thresholdMinutes };
    case "training-time":
      return null;
  }
}

/** The subject as the queries' `let` parameters (shared by the page's and the alert rules' queries). */
export function subjectParameters(subject: SloSubject): Record<string, KqlLiteral> {
  switch (subject.kind) {
    case "latency":
      return { endpointName: kqlStringLiteral(subject.endpoint), thresholdMs: kqlRealLiteral(subject.thresholdMs) };
    case "availability":
      return { endpointName: kqlStringLiteral(subject.endpoint) };
    case "freshness":
      return { consumerElement: kqlStringLiteral(JSON.stringify(subject.model)), thresholdMinutes: kqlRealLiteral(subject.thresholdMinutes) };
  }
}

/** The bounds of one SLO read, as literals: datetimes for the live queries, ago() in the examples. */
export interface SloBounds {
  periodStart: KqlLiteral;
  periodEnd: KqlLiteral;
  scanStart: KqlLiteral;
  /** Each alert window's start: periodEnd minus the window. */
  since: Record<AlertWindow, KqlLiteral>;
}

export function sloWindowsQuery(subject: SloSubject, bounds: SloBounds): string {
  const since = Object.fromEntries(Object.entries(bounds.since).map(([window, literal]) => [sinceParameter(window as AlertWindow), literal]));
  return withParameters(WINDOWS_TEXT[subject.kind], { ...subjectParameters(subject), periodStart: bounds.periodStart, periodEnd: bounds.periodEnd, scanStart: bounds.scanStart, ...since });
}

/** The series scans the period only: scanStart is periodStart. */
export function sloSeriesQuery(subject: SloSubject, bounds: Pick<SloBounds, "periodStart" | "periodEnd">, cellSize: KqlLiteral): string {
  return withParameters(SERIES_TEXT[subject.kind], { ...subjectParameters(subject), scanStart: bounds.periodStart, periodEnd: bounds.periodEnd, cellSize });
}

// The text as sent, with example parameters (the demo's SLOs over the last 30 days), for the KQL checks.
const DAY_MS = 86_400_000;
const EXAMPLE_BOUNDS: SloBounds = {
  periodStart: kqlAgoLiteral(30 * DAY_MS),
  periodEnd: kqlAgoLiteral(0),
  scanStart: kqlAgoLiteral(30 * DAY_MS),
  since: Object.fromEntries(Object.entries(ALERT_WINDOWS).map(([window, ms]) => [window, kqlAgoLiteral(ms)])) as Record<AlertWindow, KqlLiteral>,
};
const EXAMPLE_SUBJECTS: Record<KqlSloKind, SloSubject> = {
  latency: { kind: "latency", endpoint: "churn-endpoint", thresholdMs: 120 },
  availability: { kind: "availability", endpoint: "churn-endpoint" },
  freshness: { kind: "freshness", model: "churn_xgb", thresholdMinutes: 15 },
};
const HOURLY = kqlTimespanLiteral(3_600_000);

export const KQL_QUERIES: Record<string, string> = {
  latencyWindows: sloWindowsQuery(EXAMPLE_SUBJECTS.latency, EXAMPLE_BOUNDS),
  latencySeries: sloSeriesQuery(EXAMPLE_SUBJECTS.latency, EXAMPLE_BOUNDS, HOURLY),
  availabilityWindows: sloWindowsQuery(EXAMPLE_SUBJECTS.availability, EXAMPLE_BOUNDS),
  availabilitySeries: sloSeriesQuery(EXAMPLE_SUBJECTS.availability, EXAMPLE_BOUNDS, HOURLY),
  freshnessWindows: sloWindowsQuery(EXAMPLE_SUBJECTS.freshness, EXAMPLE_BOUNDS),
  freshnessSeries: sloSeriesQuery(EXAMPLE_SUBJECTS.freshness, EXAMPLE_BOUNDS, HOURLY),
};

/** Each query's row schema, by the same names: the KQL checks parse the emulator's rows with it. */
export const KQL_ROWS: Record<keyof typeof KQL_QUERIES, z.ZodType> = {
  latencyWindows: sloWindowsRow,
  latencySeries: sloSeriesRow,
  availabilityWindows: sloWindowsRow,
  availabilitySeries: sloSeriesRow,
  freshnessWindows: sloWindowsRow,
  freshnessSeries: sloSeriesRow,
};

/** The query names readPanel files each read under, per kind. */
export const SLO_QUERY_NAMES: Record<KqlSloKind, { windows: string; series: string }> = {
  latency: { windows: "sloLatencyWindows", series: "sloLatencySeries" },
  availability: { windows: "sloAvailabilityWindows", series: "sloAvailabilitySeries" },
  freshness: { windows: "sloFreshnessWindows", series: "sloFreshnessSeries" },
};
