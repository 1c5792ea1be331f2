import { describe, expect, it } from "vitest";
import { cellHeading, cellName, formatInterval, formatLift, formatMinutes, formatPsi, formatShare } from "./monitoring-format";

describe("monitoring number formats", () => {
  it("name a cell by its hour, day or week", () => {
    const start = "2026-11-16T14:00:00.000Z";
    expect(cellName(start, { label: "hour" })).toBe("2026-11-16 14:00");
    expect(cellName(start, { label: "day" })).toBe("2026-11-16");
    expect(cellName(start, { label: "week" })).toBe("week of 2026-11-16");
    expect(cellHeading(start, { label: "hour" })).toBe("14:00");
    expect(cellHeading(start, { label: "week" })).toBe("11-16");
  });

  it("print shares, PSI, lift, intervals and minutes, with a dash or 'unknown' when missing", () => {
    expect(formatShare(0.1234)).toBe("12.3 %");
    expect(formatShare(null)).toBe("—");
    expect(formatPsi(0.305)).toBe("0.30");
    expect(formatPsi(null)).toBe("—");
    expect(formatLift(3.412)).toBe("3.41×");
    expect(formatLift(3.412, 1)).toBe("3.4×");
    expect(formatInterval({ lower: 0.3094, upper: 0.498 })).toBe("(30.9–49.8 %)");
    expect(formatMinutes(59.96)).toBe("60 min");
    expect(formatMinutes(61)).toBe("1 h 1 min");
    expect(formatMinutes(null)).toBe("unknown");
  });
});
