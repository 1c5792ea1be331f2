import { describe, expect, it } from "vitest";
import { bucketedNow, bucketWindow, seriesBinMs } from "./telemetry-window";

const at = (iso: string) => new Date(iso).getTime();
const INTERVAL = 15_000;

describe("telemetry windows", () => {
  it("round the end of a trailing window down to the refresh interval, so readers in one interval ask the same question", () => {
    const early = bucketWindow({ kind: "trailing", durationMs: 900_000 }, at("2026-11-20T12:00:00.200Z"), INTERVAL);
    const late = bucketWindow({ kind: "trailing", durationMs: 900_000 }, at("2026-11-20T12:00:14.999Z"), INTERVAL);
    expect(early).toEqual(late);
    expect(early).toEqual({ key: "last 900000ms", from: new Date("2026-11-20T11:45:00Z"), to: new Date("2026-11-20T12:00:00Z") });
    const next = bucketWindow({ kind: "trailing", durationMs: 900_000 }, at("2026-11-20T12:00:15Z"), INTERVAL);
    expect(next.to).toEqual(new Date("2026-11-20T12:00:15Z"));
    // The key names the window, not the clock: a failed refresh can fall back to the last good value.
    expect(next.key).toBe(early.key);
  });

  it("end a running step's window at the bucketed now, and a finished step's at its end", () => {
    const from = new Date("2026-11-20T10:00:00Z");
    const now = at("2026-11-20T12:00:07Z");
    expect(bucketWindow({ kind: "fixed", from, to: null }, now, INTERVAL)).toEqual({ key: "2026-11-20T10:00:00.000Z/open", from, to: new Date("2026-11-20T12:00:00Z") });
    const finished = bucketWindow({ kind: "fixed", from, to: new Date("2026-11-20T11:00:00Z") }, now, INTERVAL);
    expect(finished).toEqual({ key: "2026-11-20T10:00:00.000Z/2026-11-20T11:00:00.000Z", from, to: new Date("2026-11-20T11:00:00Z") });
    // A step starting within the current interval has an empty window, never a negative one.
    const starting = bucketWindow({ kind: "fixed", from: new Date("2026-11-20T12:00:05Z"), to: null }, now, INTERVAL);
    expect(starting.to).toEqual(starting.from);
  });

  it("refuse meaningless intervals and durations", () => {
    expect(() => bucketedNow(1, 0)).toThrow(RangeError);
    expect(() => bucketWindow({ kind: "trailing", durationMs: 0 }, 1, INTERVAL)).toThrow(RangeError);
  });

  it("chart a minute a point up to 6 hours, coarser beyond", () => {
    const span = (hours: number) => ({ from: new Date(0), to: new Date(hours * 3_600_000) });
    expect(seriesBinMs(span(0.25))).toBe(60_000);
    expect(seriesBinMs(span(6))).toBe(60_000);
    expect(seriesBinMs(span(24))).toBe(300_000);
    expect(seriesBinMs(span(72))).toBe(900_000);
    expect(seriesBinMs(span(24 * 7))).toBe(3_600_000);
  });
});
