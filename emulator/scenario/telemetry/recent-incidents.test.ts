// The recent incidents as the generated AppRequests rows show them, for emulators started at
// several times of day: churn-endpoint's availability incident fires the 99.9 % page row (1 h and
// 5 min both above 14.4 × 0.1 %) and has cleared by the start; fraud-endpoint's rows stop 45
// minutes before the start while its requests are still served.
import { describe, expect, it } from "vitest";
import { HOUR_MS, MINUTE_MS } from "../clock";
import { ABSENT_TELEMETRY, AVAILABILITY_INCIDENT, availabilityIncidentWindow, telemetryAbsentFrom } from "./recent-incidents";
import { telemetryTestContext } from "./testing/telemetry-test-context";

const at = (ms: number) => `datetime(${new Date(ms).toISOString()})`;
/** The page row of a 99.9 % SLO: both windows above 14.4 times the error budget. */
const PAGE_THRESHOLD = 14.4 * (1 - 0.999);

interface RequestRow {
  time: number;
  itemCount: number;
  success: boolean;
  resultCode: string;
  durationMs: number;
  deployment: string;
  mirrored: boolean;
}

function churnRows(test: ReturnType<typeof telemetryTestContext>, from: number, to: number): RequestRow[] {
  return test
    .query(
      `AppRequests | where TimeGenerated >= ${at(from)} and TimeGenerated < ${at(to)} and Properties.endpoint == '${AVAILABILITY_INCIDENT.endpoint}' | project TimeGenerated, ItemCount, Success, ResultCode, DurationMs, Properties`,
    )
    .map((row) => {
      const properties = row.Properties as Record<string, unknown>;
      return {
        time: row.TimeGenerated as number,
        itemCount: row.ItemCount as number,
        success: row.Success as boolean,
        resultCode: row.ResultCode as string,
        durationMs: row.DurationMs as number,
        deployment: properties.deployment as string,
        mirrored: String(properties.mirrored) === "true",
      };
    });
}

/** Failed share of live requests in [end − window, end), weighted by ItemCount. */
function errorRatio(rows: RequestRow[], end: number, windowMs: number): number {
  const live = rows.filter((row) => !row.mirrored && row.time >= end - windowMs && row.time < end);
  const total = live.reduce((sum, row) => sum + row.itemCount, 0);
  const failed = live.filter((row) => !row.success).reduce((sum, row) => sum + row.itemCount, 0);
  expect(total, new Date(end).toISOString()).toBeGreaterThan(0);
  return failed / total;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1]!;
}

// Noon, a night start whose incident falls on the previous day, and a busy afternoon.
const STARTS = ["2026-11-20T12:00:00Z", "2026-11-20T01:07:41Z", "2026-11-21T17:43:12Z"];

describe("the availability incident", () => {
  for (const now of STARTS) it(`fires the fast page row of a 99.9 % SLO about 2 h before a start at ${now}, then clears`, () => {
    const test = telemetryTestContext({ now });
    const start = test.clock.startedAt.getTime();
    const incident = availabilityIncidentWindow(test.clock);
    expect([incident.start - start, incident.end - start]).toEqual([-150 * MINUTE_MS, -130 * MINUTE_MS]);
    const rows = churnRows(test, start - 4 * HOUR_MS, start);
    const page = (end: number) => ({ hour: errorRatio(rows, end, HOUR_MS), fiveMinutes: errorRatio(rows, end, 5 * MINUTE_MS) });

    // Before it, nothing fires; 18 minutes in and at its end, both windows are over the threshold.
    expect(page(incident.start).hour).toBeLessThan(PAGE_THRESHOLD / 4);
    for (const instant of [start - 132 * MINUTE_MS, incident.end]) {
      const ratios = page(instant);
      expect(ratios.hour, new Date(instant).toISOString()).toBeGreaterThan(PAGE_THRESHOLD * 1.1);
      expect(ratios.fiveMinutes).toBeGreaterThan(PAGE_THRESHOLD * 2);
    }
    // At the start both windows are clean: the hour no longer holds the incident.
    const atStart = page(start);
    expect(atStart.hour).toBeLessThan(PAGE_THRESHOLD / 4);
    expect(atStart.fiveMinutes).toBeLessThan(PAGE_THRESHOLD);

    // Its failures are 503s on the live deployment, at about its rate, and it is moderately slower.
    const during = rows.filter((row) => row.time >= incident.start && row.time < incident.end);
    const failed = during.filter((row) => !row.success);
    expect(new Set(failed.map((row) => `${row.deployment} ${row.resultCode}`))).toEqual(new Set([`${AVAILABILITY_INCIDENT.deployment} ${AVAILABILITY_INCIDENT.resultCode}`]));
    expect(failed.length / during.length).toBeGreaterThan(AVAILABILITY_INCIDENT.errorRate * 0.85);
    expect(failed.length / during.length).toBeLessThan(AVAILABILITY_INCIDENT.errorRate * 1.15);
    const before = rows.filter((row) => row.time >= incident.start - 40 * MINUTE_MS && row.time < incident.start - 20 * MINUTE_MS);
    const slowdown = p95(during.map((row) => row.durationMs)) / p95(before.map((row) => row.durationMs));
    expect(slowdown).toBeGreaterThan(1.2);
    expect(slowdown).toBeLessThan(1.9);
  });

  it("stays where it was as the clock moves on: placed from the start, not from now", () => {
    const test = telemetryTestContext();
    const incident = availabilityIncidentWindow(test.clock);
    test.clock.advance(5 * HOUR_MS);
    const rows = churnRows(test, incident.start - HOUR_MS, test.clock.now().getTime());
    expect(errorRatio(rows, incident.end, HOUR_MS)).toBeGreaterThan(PAGE_THRESHOLD);
    expect(errorRatio(rows, test.clock.now().getTime(), HOUR_MS)).toBeLessThan(PAGE_THRESHOLD / 4);
  });
});

describe("the absent telemetry", () => {
  for (const now of STARTS) it(`stops fraud-endpoint's rows 45 minutes before a start at ${now}, with rows before and requests still served`, () => {
    const test = telemetryTestContext({ now });
    const absentFrom = telemetryAbsentFrom(test.clock);
    expect(absentFrom).toBe(test.clock.startedAt.getTime() - 45 * MINUTE_MS);
    test.clock.advance(2 * HOUR_MS);
    const rows = (endpoint: string, from: number, to: number) =>
      test.query(`AppRequests | where TimeGenerated >= ${at(from)} and TimeGenerated < ${at(to)} and Properties.endpoint == '${endpoint}' | summarize rows = count(), latest = max(TimeGenerated)`)[0]!;
    const before = rows(ABSENT_TELEMETRY.endpoint, absentFrom - 30 * MINUTE_MS, absentFrom);
    expect(before.rows as number).toBeGreaterThan(100);
    expect(before.latest as number).toBeGreaterThan(absentFrom - MINUTE_MS);
    expect(rows(ABSENT_TELEMETRY.endpoint, absentFrom, test.clock.now().getTime() + 1).rows).toBe(0);
    // The other endpoint still reports, and fraud-endpoint still serves: Azure Monitor's platform metrics count its requests.
    expect(rows(AVAILABILITY_INCIDENT.endpoint, absentFrom, test.clock.now().getTime()).rows as number).toBeGreaterThan(100);
    expect(test.telemetry.deploymentMinuteStats(ABSENT_TELEMETRY.endpoint, "main", new Date(absentFrom + HOUR_MS)).requests).toBeGreaterThan(0);
  });
});
