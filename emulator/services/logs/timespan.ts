// The `timespan` of a Logs query: an ISO-8601 duration ending now (PT1H, P30D), an interval
// (start/end), or start/duration or duration/end, as Log Analytics accepts it.
import type { TimeRange } from "../../kql/eval/table-source";

const DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Milliseconds of an ISO-8601 duration in weeks, days, hours, minutes and seconds; undefined if it is not one. */
export function parseIsoDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim().toUpperCase() === "P" || text.trim().toUpperCase().endsWith("T")) return undefined;
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return ((((weeks! * 7 + days!) * 24 + hours!) * 60 + minutes!) * 60 + seconds!) * 1000;
}

function parseInstant(text: string): number | undefined {
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? undefined : ms;
}

/** The range a timespan covers, ending at nowMs when only a duration is given; undefined when unreadable. */
export function parseTimespan(text: string, nowMs: number): TimeRange | undefined {
  const parts = text.split("/");
  if (parts.length === 1) {
    const duration = parseIsoDuration(parts[0]!);
    return duration === undefined ? undefined : { from: nowMs - duration, to: nowMs };
  }
  if (parts.length !== 2) return undefined;
  const [first, second] = parts as [string, string];
  const start = parseInstant(first);
  const end = parseInstant(second);
  if (start !== undefined && end !== undefined) return start <= end ? { from: start, to: end } : undefined;
  if (start !== undefined) {
    const duration = parseIsoDuration(second);
    return duration === undefined ? undefined : { from: start, to: start + duration };
  }
  if (end !== undefined) {
    const duration = parseIsoDuration(first);
    return duration === undefined ? undefined : { from: end - duration, to: end };
  }
  return undefined;
}
