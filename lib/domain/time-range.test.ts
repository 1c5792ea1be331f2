import { describe, expect, it } from "vitest";
import { TIME_RANGE_PRESETS, alignedCells, cellSizeFor, cellStart, parseTimeRange, timeRangeSearch, type TimeRange } from "./time-range";

// A Thursday, mid-hour, so rounding and partial cells show.
const NOW = new Date("2026-12-03T12:34:56Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function range(params: { from?: string | null; to?: string | null }, options?: { defaultFrom?: string; maxSpanDays?: number }, now = NOW): TimeRange {
  const result = parseTimeRange(params, now, options);
  if (!result.ok) throw new Error(result.problem);
  return result.range;
}

function problem(params: { from?: string; to?: string }, options?: { maxSpanDays?: number }): string {
  const result = parseTimeRange(params, NOW, options);
  if (result.ok) throw new Error(`expected a problem, got ${result.range.label}`);
  return result.problem;
}

const iso = (date: Date) => date.toISOString();

describe("parseTimeRange: relative times", () => {
  it("defaults to the last 7 days, ending now", () => {
    for (const params of [{}, { from: null, to: null }, { from: "", to: "  " }]) {
      const parsed = range(params);
      expect(iso(parsed.from)).toBe("2026-11-26T12:34:56.000Z");
      expect(parsed.to).toEqual(NOW);
      expect(parsed).toMatchObject({ fromText: "now-7d", toText: "now", live: true, label: "Last 7 days" });
    }
  });

  it("takes the page's own default start", () => {
    expect(range({}, { defaultFrom: "now-24h" })).toMatchObject({ fromText: "now-24h", label: "Last 24 hours" });
  });

  it("reads minutes, hours, days and weeks", () => {
    expect(iso(range({ from: "now-30m" }).from)).toBe("2026-12-03T12:04:56.000Z");
    expect(iso(range({ from: "now-24h" }).from)).toBe("2026-12-02T12:34:56.000Z");
    expect(iso(range({ from: "now-3d" }).from)).toBe("2026-11-30T12:34:56.000Z");
    expect(range({ from: "now-2w" })).toMatchObject({ label: "Last 2 weeks" });
    expect(iso(range({ from: "now-2w" }).from)).toBe("2026-11-19T12:34:56.000Z");
    expect(range({ from: "now-1h" }).label).toBe("Last hour");
  });

  it("rounds a start down to the day or hour (now/d, now/h, now-1d/d)", () => {
    expect(iso(range({ from: "now/d" }).from)).toBe("2026-12-03T00:00:00.000Z");
    expect(iso(range({ from: "now/h" }).from)).toBe("2026-12-03T12:00:00.000Z");
    expect(iso(range({ from: "now-1d/d" }).from)).toBe("2026-12-02T00:00:00.000Z");
    expect(iso(range({ from: "now-3h/h" }).from)).toBe("2026-12-03T09:00:00.000Z");
    expect(range({ from: "now/d" })).toMatchObject({ live: true, label: "2026-12-03 00:00 – now (UTC)" });
  });

  it("rounds an end up to the end of its day (yesterday = now-1d/d to now-1d/d)", () => {
    const yesterday = range({ from: "now-1d/d", to: "now-1d/d" });
    expect(iso(yesterday.from)).toBe("2026-12-02T00:00:00.000Z");
    expect(iso(yesterday.to)).toBe("2026-12-03T00:00:00.000Z");
    expect(yesterday).toMatchObject({ live: false, label: "2026-12-02 (UTC)" });
  });

  it("ends a day or hour still running (to=now/d, to=now/h) now, and calls it live", () => {
    const today = range({ from: "now/d", to: "now/d" });
    expect(iso(today.from)).toBe("2026-12-03T00:00:00.000Z");
    expect(today.to).toEqual(NOW);
    expect(today.live).toBe(true);
    expect(range({ from: "now/h", to: "now/h" }).to).toEqual(NOW);
  });
});

describe("parseTimeRange: absolute times", () => {
  it("reads dates as whole UTC days, the end day included", () => {
    const november = range({ from: "2026-11-01", to: "2026-11-20" });
    expect(iso(november.from)).toBe("2026-11-01T00:00:00.000Z");
    expect(iso(november.to)).toBe("2026-11-21T00:00:00.000Z");
    expect(november).toMatchObject({ live: false, label: "2026-11-01 – 2026-11-20 (UTC)", fromText: "2026-11-01", toText: "2026-11-20" });
    expect(range({ from: "2026-11-20", to: "2026-11-20" }).label).toBe("2026-11-20 (UTC)");
  });

  it("ends today's date now", () => {
    expect(range({ from: "2026-12-01", to: "2026-12-03" })).toMatchObject({ to: NOW, live: true, label: "2026-12-01 00:00 – now (UTC)" });
  });

  it("reads ISO instants, with Z or an offset (a '+' that arrived as a space too)", () => {
    const instants = range({ from: "2026-11-20T10:00:00Z", to: "2026-11-21T08:30Z" });
    expect(iso(instants.from)).toBe("2026-11-20T10:00:00.000Z");
    expect(iso(instants.to)).toBe("2026-11-21T08:30:00.000Z");
    expect(instants.label).toBe("2026-11-20 10:00 – 2026-11-21 08:30 (UTC)");
    // 10:00 at +01:00 is 09:00 UTC.
    expect(iso(range({ from: "2026-11-20T10:00:00+01:00" }).from)).toBe("2026-11-20T09:00:00.000Z");
    expect(iso(range({ from: "2026-11-20T10:00:00 01:00" }).from)).toBe("2026-11-20T09:00:00.000Z");
  });

  it("accepts an end up to 5 minutes ahead of the server clock", () => {
    expect(iso(range({ to: "2026-12-03T12:39:00Z" }).to)).toBe("2026-12-03T12:39:00.000Z");
  });
});

describe("parseTimeRange: problems", () => {
  it("says what is not a time and what to write instead", () => {
    expect(problem({ from: "now-7x" })).toBe("'now-7x' is not a time: use now, now-24h, now-7d, now-30d or a date like 2026-11-20.");
    for (const text of ["now-1M", "now+1d", "yesterday", "2026-02-30", "2026-13-01", "2026-02-30T10:00Z", "2026-11-20T10:00", "now/w"]) {
      expect(problem({ to: text })).toBe(`'${text}' is not a time: use now, now-24h, now-7d, now-30d or a date like 2026-11-20.`);
    }
  });

  it("refuses a start that is not before the end", () => {
    expect(problem({ from: "now-1d", to: "now-2d" })).toBe(
      "The start 'now-1d' (2026-12-02 12:34 UTC) is not before the end 'now-2d' (2026-12-01 12:34 UTC): put the earlier time in from, e.g. from=now-7d&to=now.",
    );
    expect(problem({ from: "now", to: "now" })).toMatch(/^The start 'now' .* is not before the end 'now'/);
  });

  it("refuses an end more than 5 minutes in the future", () => {
    expect(problem({ to: "2026-12-03T12:45:00Z" })).toBe(
      "The end '2026-12-03T12:45:00Z' (2026-12-03 12:45 UTC) is in the future: use to=now, or a time before 2026-12-03 12:34 UTC.",
    );
    expect(problem({ from: "2026-12-01", to: "2026-12-04" })).toMatch(/^The end '2026-12-04' \(2026-12-05 00:00 UTC\) is in the future/);
  });

  it("refuses a span over the page's maximum (90 days unless told)", () => {
    expect(range({ from: "now-90d" }).label).toBe("Last 90 days");
    expect(problem({ from: "now-91d" })).toBe("The range spans 91 days, more than the 90 a page shows at once: narrow it, e.g. from=now-90d&to=now.");
    expect(problem({ from: "now-31d" }, { maxSpanDays: 30 })).toBe(
      "The range spans 31 days, more than the 30 a page shows at once: narrow it, e.g. from=now-30d&to=now.",
    );
  });

  it("refuses a start more than 400 days ago", () => {
    // 400 days before 2026-12-03 12:34 is 2025-10-29 12:34 (2026-12-03 − 365 d = 2025-12-03, − 35 d more = 2025-10-29).
    expect(problem({ from: "2025-10-01", to: "2025-10-10" })).toBe(
      "The start '2025-10-01' (2025-10-01 00:00 UTC) is more than 400 days ago: start at 2025-10-29 12:34 UTC or later, e.g. from=now-90d.",
    );
    expect(range({ from: "now-399d", to: "now-390d" }).label).toBe("2025-10-30 12:34 – 2025-11-08 12:34 (UTC)");
  });
});

describe("TIME_RANGE_PRESETS", () => {
  it("are 24 hours, 7 days and 30 days ending now, labelled as parsing labels them", () => {
    expect(TIME_RANGE_PRESETS.map((preset) => [preset.from, preset.to])).toEqual([
      ["now-24h", "now"],
      ["now-7d", "now"],
      ["now-30d", "now"],
    ]);
    const spans = [DAY, 7 * DAY, 30 * DAY];
    TIME_RANGE_PRESETS.forEach((preset, index) => {
      const parsed = range(preset);
      expect(parsed.label).toBe(preset.label);
      expect(parsed.to.getTime() - parsed.from.getTime()).toBe(spans[index]);
    });
  });
});

describe("cellSizeFor", () => {
  const span = (ms: number) => ({ from: new Date(NOW.getTime() - ms), to: NOW });
  it("is an hour up to 3 days, a day up to 60 days, a week above", () => {
    expect(cellSizeFor(span(3 * DAY))).toEqual({ ms: HOUR, label: "hour" });
    expect(cellSizeFor(span(3 * DAY + 1))).toEqual({ ms: DAY, label: "day" });
    expect(cellSizeFor(span(60 * DAY))).toEqual({ ms: DAY, label: "day" });
    expect(cellSizeFor(span(60 * DAY + 1))).toEqual({ ms: 7 * DAY, label: "week" });
  });
});

describe("cell alignment (as KQL bin(t, size))", () => {
  const WEEK = { ms: 7 * DAY };

  it("starts weekly cells on the Monday at or before t, like bin(t, 7d) from 0001-01-01 (a Monday)", () => {
    // 2026-11-30 is a Monday (`date -u -d 2026-11-30 +%A`).
    expect(iso(cellStart(NOW, WEEK))).toBe("2026-11-30T00:00:00.000Z");
    expect(iso(cellStart(new Date("2026-11-30T00:00:00Z"), WEEK))).toBe("2026-11-30T00:00:00.000Z");
    expect(iso(cellStart(new Date("2026-11-29T23:59:59Z"), WEEK))).toBe("2026-11-23T00:00:00.000Z");
    // Independently: step back to the last Monday with getUTCDay (0 = Sunday), every 13 h over 10 weeks.
    for (let at = Date.UTC(2026, 9, 1); at < Date.UTC(2026, 11, 10); at += 13 * HOUR) {
      const day = new Date(at);
      const daysSinceMonday = (day.getUTCDay() + 6) % 7;
      const monday = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - daysSinceMonday);
      expect(cellStart(day, WEEK).getTime()).toBe(monday);
    }
  });

  it("starts hourly and daily cells on UTC hours and midnights", () => {
    expect(iso(cellStart(NOW, { ms: HOUR }))).toBe("2026-12-03T12:00:00.000Z");
    expect(iso(cellStart(NOW, { ms: DAY }))).toBe("2026-12-03T00:00:00.000Z");
  });

  it("covers 7 days with 169 hourly cells when the range starts mid-hour", () => {
    // now-7d = 2026-11-26 12:34:56: the first cell is 11-26 12:00 (partial), the last 12-03 12:00 (partial),
    // so 168 whole hours between 12:00 and 12:00 plus the cell holding `now` = 169.
    const starts = alignedCells(range({ from: "now-7d" }), { ms: HOUR }).map(iso);
    expect(starts).toHaveLength(169);
    expect(starts.slice(0, 2)).toEqual(["2026-11-26T12:00:00.000Z", "2026-11-26T13:00:00.000Z"]);
    expect(starts[168]).toBe("2026-12-03T12:00:00.000Z");
  });

  it("covers 7 days with 168 hourly cells when now is on the hour (the end is exclusive)", () => {
    const onTheHour = range({ from: "now-7d" }, undefined, new Date("2026-12-03T12:00:00Z"));
    const starts = alignedCells(onTheHour, { ms: HOUR }).map(iso);
    expect(starts).toHaveLength(168);
    expect(starts[167]).toBe("2026-12-03T11:00:00.000Z");
  });

  it("starts weekly cells on the Monday before the range", () => {
    const cells = alignedCells(range({ from: "2026-10-01", to: "2026-11-20" }), WEEK);
    // 2026-10-01 is a Thursday: its week starts Monday 09-28; 11-20 (a Friday) ends in the week of 11-16.
    expect(cells.map((cell) => iso(cell).slice(0, 10))).toEqual(["2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"]);
  });

  it("refuses more than 2000 cells", () => {
    // 90 days of hours = 2160 (plus the partial one).
    expect(() => alignedCells(range({ from: "now-90d" }), { ms: HOUR })).toThrow(/more than 2000/);
  });
});

describe("timeRangeSearch", () => {
  it("keeps the range's texts and the extra params, range first", () => {
    expect(timeRangeSearch(range({}))).toBe("from=now-7d&to=now");
    expect(timeRangeSearch({ from: "now-1d/d", to: "now-1d/d" }, { model: "churn_xgb", from: "ignored" })).toBe("from=now-1d/d&to=now-1d/d&model=churn_xgb");
    expect(timeRangeSearch({ from: "2026-11-20T10:00:00Z", to: "now" }, { q: "a&b c" })).toBe("from=2026-11-20T10:00:00Z&to=now&q=a%26b+c");
  });

  it("round-trips through a URL, an offset's '+' included", () => {
    const search = new URLSearchParams(timeRangeSearch({ from: "2026-11-20T10:00:00+01:00", to: "now-1h" }));
    const parsed = range({ from: search.get("from"), to: search.get("to") });
    expect(iso(parsed.from)).toBe("2026-11-20T09:00:00.000Z");
    expect(iso(parsed.to)).toBe("2026-12-03T11:34:56.000Z");
  });
});
