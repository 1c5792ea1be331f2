// The time windows rollout telemetry is summarized over, and how they are bucketed so that any
// number of readers ask Log Analytics the same question: the window's end is rounded down to the
// refresh interval, and the cache key names the window itself (not the clock), so a failed refresh
// can still serve the last good answer for it.

export type TelemetryWindow =
  /** The last `durationMs` up to now (the live view). */
  | { kind: "trailing"; durationMs: number }
  /** A step's window; `to` null while the step still runs. */
  | { kind: "fixed"; from: Date; to: Date | null };

export interface BucketedWindow {
  /** Names the window in cache keys; the same for every read of it. */
  key: string;
  /** Query bounds, [from, to). */
  from: Date;
  to: Date;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** nowMs rounded down to a multiple of intervalMs: the "now" every reader in the interval shares. */
export function bucketedNow(nowMs: number, intervalMs: number): number {
  if (!(intervalMs > 0)) throw new RangeError("The refresh interval must be positive.");
  return Math.floor(nowMs / intervalMs) * intervalMs;
}

/** The window's bounds as of nowMs, its end rounded down to a multiple of intervalMs. */
export function bucketWindow(window: TelemetryWindow, nowMs: number, intervalMs: number): BucketedWindow {
  const bucketEnd = bucketedNow(nowMs, intervalMs);
  if (window.kind === "trailing") {
    if (!(window.durationMs > 0)) throw new RangeError("A trailing window needs a positive duration.");
    return { key: `last ${window.durationMs}ms`, from: new Date(bucketEnd - window.durationMs), to: new Date(bucketEnd) };
  }
  const from = window.from.getTime();
  const end = Math.max(from, window.to ? Math.min(window.to.getTime(), bucketEnd) : bucketEnd);
  return { key: `${window.from.toISOString()}/${window.to ? window.to.toISOString() : "open"}`, from: new Date(from), to: new Date(end) };
}

/** Chart resolution: a point a minute up to 6 hours, coarser beyond, so a chart stays near ≤ 360 points per line. */
export function seriesBinMs(window: { from: Date; to: Date }): number {
  const span = window.to.getTime() - window.from.getTime();
  if (span <= 6 * HOUR_MS) return MINUTE_MS;
  if (span <= 30 * HOUR_MS) return 5 * MINUTE_MS;
  if (span <= 90 * HOUR_MS) return 15 * MINUTE_MS;
  return HOUR_MS;
}
