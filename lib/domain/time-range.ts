// The time range every insight page reads from its URL, Grafana style (?from=now-7d&to=now).
// Pure: the caller passes `now`, so a page, its KQL and its tests agree on one instant.

export interface TimeRange {
  from: Date;
  /** Exclusive end. */
  to: Date;
  fromText: string;
  toText: string;
  /** The range ends at the current time (to=now, or a day/hour still running, clamped to now). */
  live: boolean;
  /** "Last 7 days", or "2026-11-01 – 2026-11-20 (UTC)". */
  label: string;
}

export type TimeRangeResult = { ok: true; range: TimeRange } | { ok: false; problem: string };

export interface TimeRangePreset {
  label: string;
  from: string;
  to: "now";
}

export interface CellSize {
  ms: number;
  label: "hour" | "day" | "week";
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

export const DEFAULT_FROM = "now-7d";
export const DEFAULT_TO = "now";
const DEFAULT_MAX_SPAN_DAYS = 90;
/** The oldest start a page may ask for; older telemetry is not worth a query. */
const EARLIEST_FROM_DAYS = 400;
/** Clock skew tolerated between the browser that wrote an instant and the server. */
const FUTURE_TOLERANCE_MS = 5 * MINUTE_MS;
/** Beyond this a chart has more cells than pixels and the query more bins than it should return. */
const MAX_CELLS = 2000;
/** Kusto bins datetimes from 0001-01-01T00:00Z (a Monday), not from the Unix epoch. */
const KUSTO_BIN_ORIGIN_MS = -62_135_596_800_000;

const UNIT_MS = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: WEEK_MS } as const;
type Unit = keyof typeof UNIT_MS;
const UNIT_NAMES: Record<Unit, [string, string]> = {
  m: ["minute", "minutes"],
  h: ["hour", "hours"],
  d: ["day", "days"],
  w: ["week", "weeks"],
};

export const TIME_RANGE_PRESETS: readonly TimeRangePreset[] = [
  { label: "Last 24 hours", from: "now-24h", to: "now" },
  { label: "Last 7 days", from: "now-7d", to: "now" },
  { label: "Last 30 days", from: "now-30d", to: "now" },
];

const RELATIVE = /^now(?:-(\d{1,9})([mhdw]))?(?:\/([dh]))?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

type Edge = "from" | "to";

/** A resolved bound; `periodStart` is set when the bound is the end of a day or hour (to=now/d, to=2026-11-20). */
interface Bound {
  at: Date;
  periodStart: Date | null;
}

function floorTo(ms: number, size: number): number {
  return Math.floor(ms / size) * size;
}

function resolveBound(text: string, edge: Edge, now: Date): Bound | null {
  const relative = RELATIVE.exec(text);
  if (relative) {
    const [, count, unit, rounding] = relative;
    const shifted = now.getTime() - (count ? Number(count) * UNIT_MS[unit as Unit] : 0);
    if (!rounding) return validBound(shifted, null);
    // Unix time counts no leap seconds, so flooring its ms to hours or days gives UTC hour and day starts.
    const start = floorTo(shifted, UNIT_MS[rounding as Unit]);
    return edge === "from" ? validBound(start, null) : validBound(start + UNIT_MS[rounding as Unit], start);
  }
  if (DATE.test(text)) {
    const start = calendarDayStart(text);
    if (start === null) return null;
    return edge === "from" ? validBound(start, null) : validBound(start + DAY_MS, start);
  }
  // A "+" typed into an address bar arrives as a space: 2026-11-20T10:00 01:00.
  const instant = text.replace(/ (\d{2}:\d{2})$/, "+$1");
  if (INSTANT.test(instant) && calendarDayStart(instant.slice(0, 10)) !== null) return validBound(Date.parse(instant), null);
  return null;
}

/** Start of a YYYY-MM-DD day, or null when the day does not exist (Date rolls 2026-02-30 over to March). */
function calendarDayStart(day: string): number | null {
  const start = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return new Date(start).toISOString().slice(0, 10) === day ? start : null;
}

function validBound(ms: number, periodStart: number | null): Bound | null {
  const at = new Date(ms);
  if (Number.isNaN(at.getTime())) return null;
  return { at, periodStart: periodStart === null ? null : new Date(periodStart) };
}

const SYNTAX_HINT = "use now, now-24h, now-7d, now-30d or a date like 2026-11-20.";

function minuteText(date: Date): string {
  return date.toISOString().slice(0, 16).replace("T", " ");
}

export function parseTimeRange(
  params: { from?: string | null; to?: string | null },
  now: Date,
  options: { defaultFrom?: string; maxSpanDays?: number } = {},
): TimeRangeResult {
  const fromText = params.from?.trim() || options.defaultFrom || DEFAULT_FROM;
  const toText = params.to?.trim() || DEFAULT_TO;
  const maxSpanDays = options.maxSpanDays ?? DEFAULT_MAX_SPAN_DAYS;

  const fromBound = resolveBound(fromText, "from", now);
  if (!fromBound) return { ok: false, problem: `'${fromText}' is not a time: ${SYNTAX_HINT}` };
  const toBound = resolveBound(toText, "to", now);
  if (!toBound) return { ok: false, problem: `'${toText}' is not a time: ${SYNTAX_HINT}` };

  const from = fromBound.at;
  let to = toBound.at;
  let live = toText === "now";
  // A day or hour still running (to=now/d, to=<today>) can only be shown so far: it ends now.
  if (to > now && toBound.periodStart && toBound.periodStart <= now) {
    to = now;
    live = true;
  }
  if (to.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    return { ok: false, problem: `The end '${toText}' (${minuteText(to)} UTC) is in the future: use to=now, or a time before ${minuteText(now)} UTC.` };
  }
  if (from >= to) {
    return {
      ok: false,
      problem: `The start '${fromText}' (${minuteText(from)} UTC) is not before the end '${toText}' (${minuteText(to)} UTC): put the earlier time in from, e.g. from=now-7d&to=now.`,
    };
  }
  if (from.getTime() < now.getTime() - EARLIEST_FROM_DAYS * DAY_MS) {
    return {
      ok: false,
      problem: `The start '${fromText}' (${minuteText(from)} UTC) is more than ${EARLIEST_FROM_DAYS} days ago: start at ${minuteText(new Date(now.getTime() - EARLIEST_FROM_DAYS * DAY_MS))} UTC or later, e.g. from=now-90d.`,
    };
  }
  const spanDays = (to.getTime() - from.getTime()) / DAY_MS;
  if (spanDays > maxSpanDays) {
    return {
      ok: false,
      problem: `The range spans ${Math.ceil(spanDays)} days, more than the ${maxSpanDays} a page shows at once: narrow it, e.g. from=now-${maxSpanDays}d&to=now.`,
    };
  }
  return { ok: true, range: { from, to, fromText, toText, live, label: rangeLabel(fromText, toText, from, to, live) } };
}

function rangeLabel(fromText: string, toText: string, from: Date, to: Date, live: boolean): string {
  const relative = RELATIVE.exec(fromText);
  if (toText === "now" && relative?.[1] && !relative[3]) {
    const count = Number(relative[1]);
    const [one, many] = UNIT_NAMES[relative[2] as Unit];
    return count === 1 ? `Last ${one}` : `Last ${count} ${many}`;
  }
  if (live) return `${minuteText(from)} – now (UTC)`;
  const wholeDays = from.getTime() % DAY_MS === 0 && to.getTime() % DAY_MS === 0;
  if (!wholeDays) return `${minuteText(from)} – ${minuteText(to)} (UTC)`;
  // Whole days read as dates with the last day included, as they were written: from=2026-11-01&to=2026-11-20.
  const first = from.toISOString().slice(0, 10);
  const last = new Date(to.getTime() - DAY_MS).toISOString().slice(0, 10);
  return first === last ? `${first} (UTC)` : `${first} – ${last} (UTC)`;
}

/** The width of one heatmap cell or series point: about 24 to 1,440 cells on any range a page allows. */
export function cellSizeFor(range: Pick<TimeRange, "from" | "to">): CellSize {
  const span = range.to.getTime() - range.from.getTime();
  if (span <= 3 * DAY_MS) return { ms: HOUR_MS, label: "hour" };
  if (span <= 60 * DAY_MS) return { ms: DAY_MS, label: "day" };
  return { ms: WEEK_MS, label: "week" };
}

/** The start of the cell holding `at`, as KQL's bin(at, size) computes it (weeks start on Mondays). */
export function cellStart(at: Date, cellSize: Pick<CellSize, "ms">): Date {
  return new Date(floorTo(at.getTime() - KUSTO_BIN_ORIGIN_MS, cellSize.ms) + KUSTO_BIN_ORIGIN_MS);
}

/** Every cell start from the one holding `from` to the last one before `to`, so pages draw the cells KQL returns. */
export function alignedCells(range: Pick<TimeRange, "from" | "to">, cellSize: Pick<CellSize, "ms">): Date[] {
  const first = cellStart(range.from, cellSize).getTime();
  const count = Math.ceil((range.to.getTime() - first) / cellSize.ms);
  if (count > MAX_CELLS) {
    throw new RangeError(`The range needs ${count} cells of ${cellSize.ms} ms, more than ${MAX_CELLS}: use a larger cell or a shorter range.`);
  }
  return Array.from({ length: Math.max(0, count) }, (_, index) => new Date(first + index * cellSize.ms));
}

/** The query string (without "?") that keeps the range on a link; the range wins over `extra`'s from/to. */
export function timeRangeSearch(range: Pick<TimeRange, "fromText" | "toText"> | { from: string; to: string }, extra: Record<string, string> = {}): string {
  const [from, to] = "fromText" in range ? [range.fromText, range.toText] : [range.from, range.to];
  const params = new URLSearchParams({ from, to });
  for (const [key, value] of Object.entries(extra)) {
    if (key !== "from" && key !== "to") params.append(key, value);
  }
  // "/" and ":" are legal in a query, and now/d or 10:00 stay readable in a shared link.
  return params.toString().replace(/%2F/gi, "/").replace(/%3A/gi, ":");
}
