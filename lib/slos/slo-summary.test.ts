import { describe, expect, it } from "vitest";
import { DEFAULT_SLOS, type SloDefinition } from "@/lib/domain/slo/definitions";
import { alignedCells } from "@/lib/domain/time-range";
import { sloCharts, sloSummary, windowCountsOf, type CountingRules, type SpansCounts } from "./slo-summary";

const slo = (id: string) => DEFAULT_SLOS.find((definition) => definition.id === id)! as SloDefinition;
const TELEMETRY: CountingRules = { emptyIsAbsent: true, events: "live requests" };

/** Spans where every event seen is valid, from [total, bad] per span. */
function spans(counts: Partial<Record<keyof SpansCounts, [number, number]>>): SpansCounts {
  const all = ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "Period"] as const;
  return Object.fromEntries(all.map((span) => [span, { seen: counts[span]?.[0] ?? 0, total: counts[span]?.[0] ?? 0, good: (counts[span]?.[0] ?? 0) - (counts[span]?.[1] ?? 0) }])) as SpansCounts;
}

// The burn-rate-alerts test's incident on a 99.9 % endpoint: 1 h at 20.3×, 5 min at 18×.
const INCIDENT = spans({ "5m": [1000, 18], "30m": [5000, 95], "1h": [10_000, 203], "2h": [20_000, 214], "6h": [60_000, 263], "1d": [240_000, 323], "3d": [720_000, 563], Period: [7_200_000, 1000] });

describe("sloSummary", () => {
  it("gives the period's SLI and budget, the last hour's SLI and the page alert an incident fires", () => {
    const summary = sloSummary(slo("churn-endpoint-availability"), INCIDENT, TELEMETRY);
    expect(summary.sli.period).toEqual({ state: "measured", good: 7_199_000, total: 7_200_000, ratio: 7_199_000 / 7_200_000 });
    expect(summary.sli.now).toEqual({ state: "measured", good: 9797, total: 10_000, ratio: 0.9797 });
    // 7 200 000 requests at 99.9 % allow 7200 failures; 1000 spent leaves 6200, i.e. 86.1 %.
    expect(summary.errorBudget?.remaining).toBeCloseTo(6200 / 7200, 12);
    expect(summary.remaining).toMatchObject({ events: expect.closeTo(6200, 6), unit: "requests", minutes: null });
    expect(summary.remaining?.share).toBeCloseTo(0.861111, 6);
    expect(summary.alertState.severity).toBe("page");
    expect(summary.alertState.firing?.row).toMatchObject({ long: "1h", short: "5m", factor: 14.4 });
  });

  it("says absent, not zero, for telemetry that did not arrive: no SLI, no budget, every alert row absent", () => {
    const summary = sloSummary(slo("churn-endpoint-latency"), spans({}), TELEMETRY);
    expect(summary.sli.period).toEqual({ state: "absent", reason: "No live requests arrived in the last 30 days." });
    expect(summary.sli.now).toEqual({ state: "absent", reason: "No live requests arrived in the last hour." });
    expect(summary.errorBudget).toBeNull();
    expect(summary.remaining).toBeNull();
    expect(summary.alertState.rows.map((row) => row.state)).toEqual(["absent", "absent", "absent", "absent"]);
  });

  it("tells a window whose requests all failed (seen, none valid for latency) from one with no data", () => {
    const counts = spans({ "1h": [100, 0], Period: [10_000, 100] });
    counts["1h"] = { seen: 100, total: 0, good: 0 };
    const summary = sloSummary(slo("churn-endpoint-latency"), counts, TELEMETRY);
    expect(summary.sli.now).toEqual({ state: "no-valid-events", reason: "100 live requests in the last hour, none of them valid for this SLO.", seen: 100 });
    const windows = windowCountsOf(counts, TELEMETRY);
    expect(windows["1h"]).toEqual({ total: 0, good: 0 });
    expect(windows["5m"]).toBeNull();
  });

  it("counts freshness probes' budget in table-minutes (a probe every 5 minutes)", () => {
    // 8640 probes at 99 % allow 86.4 stale ones; 40 spent leaves 46.4 probes, 232 table-minutes.
    const summary = sloSummary(slo("churn-xgb-feature-freshness"), spans({ Period: [8640, 40] }), { emptyIsAbsent: true, events: "freshness probes" });
    expect(summary.remaining?.unit).toBe("probes");
    expect(summary.remaining?.events).toBeCloseTo(46.4, 9);
    expect(summary.remaining?.minutes).toBeCloseTo(232, 9);
  });

  it("reads no runs as a real zero for training time, not as absent data", () => {
    const summary = sloSummary(slo("churn-xgb-training-time"), spans({}), { emptyIsAbsent: false, events: "training runs started" });
    expect(summary.sli.period).toEqual({ state: "no-valid-events", reason: "No training runs started in the last 30 days.", seen: 0 });
    expect(summary.alertState.rows.map((row) => row.state)).toEqual(["not-enough-traffic", "not-enough-traffic", "not-enough-traffic", "not-enough-traffic"]);
  });
});

describe("sloCharts", () => {
  const DAY = 86_400_000;
  const period = { from: new Date("2026-11-16T00:00:00Z"), to: new Date("2026-11-20T00:00:00Z") };
  const cellSize = { ms: DAY, label: "day" as const };
  const starts = alignedCells(period, cellSize);
  const cell = (day: string, total: number, bad: number) => ({ start: new Date(`${day}T00:00:00Z`), seen: total, total, good: total - bad });

  it("burns the whole period's allowance down cell by cell, an empty cell counting nothing", () => {
    // 99 %: 4000 events allow 40 bad. After day 1 (10 bad) 30 are left (75 %), day 2 has no rows, day 3 spends 20 more.
    const charts = sloCharts(slo("churn-xgb-feature-freshness"), [cell("2026-11-16", 1000, 10), cell("2026-11-18", 2000, 20), cell("2026-11-19", 1000, 0)], starts, cellSize, period.from);
    expect(charts.burnDown.map((point) => [point.start.slice(0, 10), Number(point.remaining.toFixed(6)), Number(point.ideal.toFixed(6))])).toEqual([
      ["2026-11-16", 0.75, 0.75],
      ["2026-11-17", 0.75, 0.75],
      ["2026-11-18", 0.25, 0.25],
      ["2026-11-19", 0.25, 0],
    ]);
    // Day 1: 10 / 1000 / 0.01 = 1×; day 2 has no events; day 3: 20 / 2000 / 0.01 = 1×; day 4: 0×.
    expect(charts.burnRate.map((point) => point.burnRate)).toEqual([expect.closeTo(1, 9), null, expect.closeTo(1, 9), 0]);
  });

  it("shows the cells from the chart's start, the allowance still the period's", () => {
    const charts = sloCharts(slo("churn-xgb-feature-freshness"), [cell("2026-11-16", 1000, 10), cell("2026-11-18", 2000, 20), cell("2026-11-19", 1000, 0)], starts, cellSize, new Date("2026-11-18T06:00:00Z"));
    expect(charts.burnDown.map((point) => [point.start.slice(0, 10), Number(point.remaining.toFixed(6))])).toEqual([
      ["2026-11-18", 0.25],
      ["2026-11-19", 0.25],
    ]);
    expect(charts.burnRate).toHaveLength(2);
  });

  it("draws nothing for a period without valid events", () => {
    expect(sloCharts(slo("churn-endpoint-latency"), [], starts, cellSize, period.from)).toEqual({ cellSize, burnDown: [], burnRate: [] });
  });
});
