import { describe, expect, it } from "vitest";
import { formatAge, formatDuration, formatUtc } from "./format";

describe("format", () => {
  it("writes UTC times to the second and a dash for nothing", () => {
    expect(formatUtc(Date.UTC(2026, 10, 24, 6, 5, 4, 900))).toBe("2026-11-24 06:05:04 UTC");
    expect(formatUtc(null)).toBe("—");
    expect(formatUtc("not a date")).toBe("—");
  });

  it("writes durations in the largest sensible units", () => {
    expect(formatDuration(42_400)).toBe("42 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(3 * 3600_000 + 60_000)).toBe("3 h 1 min");
    expect(formatDuration(50 * 3600_000)).toBe("2 d 2 h");
    expect(formatDuration(-1)).toBe("—");
    expect(formatAge(new Date(0), new Date(90_000))).toBe("1 min 30 s");
  });
});
