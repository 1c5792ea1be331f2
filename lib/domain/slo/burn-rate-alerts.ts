// Multi-window, multi-burn-rate alerts (Google SRE workbook, "Alerting on SLOs"; the table Sloth
// ships as google-30d.yaml). A row fires when the burn rate over its long AND its short window is
// above its factor: the long window proves the burn is significant, the short one that it is still
// going on, so the alert clears minutes after the incident ends. Pure: the counts come from one query.
import { formatTarget } from "./definitions";
import { badEvents, burnRate, type GoodCounts } from "./error-budget";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The windows the table reads, keyed by their duration as KQL writes a timespan. */
export const ALERT_WINDOWS = { "5m": 5 * MINUTE_MS, "30m": 30 * MINUTE_MS, "1h": HOUR_MS, "2h": 2 * HOUR_MS, "6h": 6 * HOUR_MS, "1d": DAY_MS, "3d": 3 * DAY_MS } as const;
export type AlertWindow = keyof typeof ALERT_WINDOWS;

const WINDOW_LABELS: Record<AlertWindow, string> = { "5m": "5 min", "30m": "30 min", "1h": "1 h", "2h": "2 h", "6h": "6 h", "1d": "1 day", "3d": "3 days" };

export type AlertSeverity = "page" | "ticket";

export interface BurnRateAlertRow {
  severity: AlertSeverity;
  long: AlertWindow;
  short: AlertWindow;
  /** Both windows' burn rates must be above this. */
  factor: number;
  /** Share of a 30-day budget the long window spends at that rate: factor × long window / 30 days. */
  budgetConsumed: number;
}

/** The workbook's table, most severe first: a page wakes someone, a ticket waits for working hours. */
export const BURN_RATE_ALERTS: readonly BurnRateAlertRow[] = [
  { severity: "page", long: "1h", short: "5m", factor: 14.4, budgetConsumed: 0.02 },
  { severity: "page", long: "6h", short: "30m", factor: 6, budgetConsumed: 0.05 },
  { severity: "ticket", long: "1d", short: "2h", factor: 3, budgetConsumed: 0.1 },
  { severity: "ticket", long: "3d", short: "6h", factor: 1, budgetConsumed: 0.1 },
];

/** Share of a budget over `periodDays` that the row's long window spends at its factor (the table's figures are for 30 days). */
export function budgetConsumedOver(row: BurnRateAlertRow, periodDays: number): number {
  return (row.factor * ALERT_WINDOWS[row.long]) / (periodDays * DAY_MS);
}

/** The highest burn rate a target allows: every event bad, 1 / (1 − target). */
export function maxBurnRate(target: number): number {
  return 1 / (1 - target);
}

// Firing needs a burn rate strictly above the factor, so a factor equal to the ceiling cannot fire
// either; the tolerance keeps 1 − target's rounding from deciding that.
/** Whether a row's factor is below the target's ceiling: firing needs a burn rate strictly above the factor. */
export const canFire = (row: Pick<BurnRateAlertRow, "factor">, target: number) => row.factor * (1 - target) < 1 - 1e-9;

/**
 * The default minimum-traffic guard: the long window must hold at least 10 events, and enough that
 * one bad event alone stays at or below the factor (one among n burns at 1 / (n × (1 − target)), so
 * n ≥ 1 / (factor × (1 − target))). A lone failure then never fires a row, whatever the kind: at
 * 99.9 % the 1 h page needs 70 requests and the 3-day ticket 1000; an hour of 5-minute freshness
 * probes (12 per table) clears the 99 % page's 7; a 95 % training-time SLO needs 20 runs in 3 days.
 */
export function minimumLongWindowEvents(row: BurnRateAlertRow, target: number): number {
  return Math.max(10, Math.ceil(1 / (row.factor * (1 - target)) - 1e-9));
}

/**
 * Minutes until a sudden error ratio (after a clean stretch, at steady traffic) carries both windows
 * above the factor: a window of length W holds ratio × t / W bad after t, above factor × (1 − target)
 * once t > factor × (1 − target) × W / ratio; the long window decides. Null when the ratio never fires the row.
 */
export function detectionMinutes(row: BurnRateAlertRow, target: number, errorRatio: number): number | null {
  const threshold = row.factor * (1 - target);
  if (!(errorRatio > threshold && errorRatio <= 1)) return null;
  return (threshold * Math.max(ALERT_WINDOWS[row.long], ALERT_WINDOWS[row.short])) / errorRatio / MINUTE_MS;
}

export type AlertRowState = "firing" | "ok" | "not-enough-traffic" | "absent" | "impossible";

export interface AlertRowResult {
  row: BurnRateAlertRow;
  state: AlertRowState;
  /** Null when the window has no data or no events. */
  longBurnRate: number | null;
  shortBurnRate: number | null;
  /** Events the long window needs before the row is judged. */
  minimumEvents: number;
  /** One sentence with the numbers. */
  reason: string;
}

export interface AlertState {
  rows: AlertRowResult[];
  /** The most severe firing row (pages before tickets, faster burns first), or null. */
  firing: AlertRowResult | null;
  severity: AlertSeverity | null;
}

/** Good and all events per window; a window the query returned nothing for is left out (absent). */
export type WindowCounts = Partial<Record<AlertWindow, GoodCounts | null>>;

export interface AlertOptions {
  /** A fixed minimum of events in the long window, instead of `minimumLongWindowEvents`. */
  minLongWindowEvents?: number;
}

const label = (row: BurnRateAlertRow) => (row.severity === "page" ? "Page" : "Ticket");
const times = (rate: number) => `${rate.toFixed(1)}×`;
const plainTimes = (value: number) => `${Number(value.toFixed(2))}×`;
const over = (window: AlertWindow) => `over ${WINDOW_LABELS[window]}`;

function judgeRow(row: BurnRateAlertRow, target: number, windowCounts: WindowCounts, options: AlertOptions): AlertRowResult {
  const long = windowCounts[row.long] ?? null;
  const short = windowCounts[row.short] ?? null;
  const rateOf = (counts: GoodCounts | null, window: AlertWindow) => (counts ? burnRate(badEvents(counts, `over ${WINDOW_LABELS[window]}`), target) : null);
  const longBurnRate = rateOf(long, row.long);
  const shortBurnRate = rateOf(short, row.short);
  const minimumEvents = options.minLongWindowEvents ?? minimumLongWindowEvents(row, target);
  const result = (state: AlertRowState, reason: string): AlertRowResult => ({ row, state, longBurnRate, shortBurnRate, minimumEvents, reason: `${label(row)}: ${reason}.` });

  if (!canFire(row, target)) {
    return result("impossible", `${plainTimes(row.factor)} ${over(row.long)} and ${WINDOW_LABELS[row.short]} can never fire, since at a ${formatTarget(target)} target the burn rate is at most ${plainTimes(maxBurnRate(target))} (every event bad), not above ${plainTimes(row.factor)}`);
  }
  const windows = (pick: (counts: GoodCounts | null) => boolean) =>
    [pick(long) ? row.long : null, pick(short) ? row.short : null].flatMap((window) => (window ? [WINDOW_LABELS[window]] : [])).join(" or ");
  if (!long || !short) return result("absent", `no data for the last ${windows((counts) => !counts)}`);
  if (long.total < minimumEvents) return result("not-enough-traffic", `${long.total} events ${over(row.long)}, fewer than the ${minimumEvents} needed to judge a ${plainTimes(row.factor)} burn`);
  if (longBurnRate === null || shortBurnRate === null) return result("not-enough-traffic", `no events over ${windows((counts) => counts?.total === 0)} to judge a ${plainTimes(row.factor)} burn`);

  const longAbove = longBurnRate > row.factor;
  const shortAbove = shortBurnRate > row.factor;
  const rates = `${times(longBurnRate)} ${over(row.long)}`;
  if (longAbove && shortAbove) return result("firing", `burning ${rates} and ${times(shortBurnRate)} ${over(row.short)}, above ${plainTimes(row.factor)}`);
  if (longAbove || shortAbove) return result("ok", `burning ${rates} but ${times(shortBurnRate)} ${over(row.short)}; both must be above ${plainTimes(row.factor)} to fire`);
  return result("ok", `burning ${rates} and ${times(shortBurnRate)} ${over(row.short)}, not above ${plainTimes(row.factor)}`);
}

/** Every row of the table judged on the windows' counts, and the most severe firing one. */
export function alertState(target: number, windowCounts: WindowCounts, options: AlertOptions = {}): AlertState {
  if (!(target > 0 && target < 1)) throw new RangeError(`An SLO target must be between 0 and 1 (exclusive), not ${target}.`);
  const minimum = options.minLongWindowEvents;
  if (minimum !== undefined && !(Number.isFinite(minimum) && minimum >= 0)) throw new RangeError(`The minimum of events must be a number of at least 0, not ${minimum}.`);
  const rows = BURN_RATE_ALERTS.map((row) => judgeRow(row, target, windowCounts, options));
  const firing = rows.find((result) => result.state === "firing") ?? null;
  return { rows, firing, severity: firing?.row.severity ?? null };
}
