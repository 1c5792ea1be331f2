// AppRequests as generated: the daily rhythm, sampling with ItemCount, nothing after now or beyond
// 30 days, determinism, regressed behaviour and traffic changes taking effect from their moment
// (the scenario's own past shadow evaluation included), and per-minute statistics equal to a
// summarize over the same rows.
import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../clock";
import { ABSENT_TELEMETRY, telemetryAbsentFrom } from "./recent-incidents";
import { telemetryTestContext } from "./testing/telemetry-test-context";

const at = (ms: number) => `datetime(${new Date(ms).toISOString()})`;

describe("AppRequests", () => {
  it("follows a daily rhythm: afternoons carry several times the night's requests", () => {
    const { query } = telemetryTestContext();
    const byHour = new Map(
      query("AppRequests | where TimeGenerated > ago(7d) | summarize requests = sum(ItemCount) by hour = hourofday(TimeGenerated)").map((row) => [row.hour, row.requests as number]),
    );
    const night = (byHour.get(3)! + byHour.get(4)!) / 2;
    const afternoon = (byHour.get(15)! + byHour.get(16)!) / 2;
    expect(afternoon / night).toBeGreaterThan(5);
  });

  it("is sampled: every row stands for ItemCount > 1 requests, and sum(ItemCount) is the request rate", () => {
    const { query, context } = telemetryTestContext();
    const [stats] = query(
      "AppRequests | where TimeGenerated > ago(1d) and Properties.endpoint == 'churn-endpoint' | summarize rows = count(), requests = sum(ItemCount), minItemCount = min(ItemCount)",
    );
    expect(stats!.minItemCount).toBeGreaterThan(1);
    expect(stats!.requests as number).toBeGreaterThan(5 * (stats!.rows as number));
    const peak = context.fleet.get("churn-endpoint")!.spec.peakRequestsPerMinute;
    // Over a day the load curve averages about 0.55 of the peak.
    expect((stats!.requests as number) / 1440).toBeGreaterThan(0.4 * peak);
    expect((stats!.requests as number) / 1440).toBeLessThan(0.7 * peak);
  });

  it("holds 30 days of rows up to now and nothing after", () => {
    const { query, clock } = telemetryTestContext();
    const now = clock.now().getTime();
    for (const table of ["AppRequests", "ModelDrift_CL", "ModelOutcomes_CL", "FeatureFreshness_CL", "DeadLetter_CL"]) {
      const [span] = query(`${table} | summarize earliest = min(TimeGenerated), latest = max(TimeGenerated)`);
      expect(span!.latest as number, table).toBeLessThanOrEqual(now);
      expect(span!.latest as number, table).toBeGreaterThan(now - HOUR_MS);
      expect(span!.earliest as number, table).toBeGreaterThanOrEqual(now - 30 * DAY_MS);
      expect(span!.earliest as number, table).toBeLessThan(now - 29 * DAY_MS);
    }
    expect(query("AppRequests | where TimeGenerated > now() | count")).toEqual([{ Count: 0 }]);
  });

  it("is the same for the same seed and clock, and different for another seed", () => {
    const text = "AppRequests | where TimeGenerated > ago(2h) | project TimeGenerated, OperationId, DurationMs, ResultCode, ItemCount, Properties";
    expect(JSON.stringify(telemetryTestContext().query(text))).toBe(JSON.stringify(telemetryTestContext().query(text)));
    expect(JSON.stringify(telemetryTestContext({ seed: "other" }).query(text))).not.toBe(JSON.stringify(telemetryTestContext().query(text)));
  });

  it("gets clearly worse from the moment a deployment is switched to regressed", () => {
    const { query, clock, context, telemetry } = telemetryTestContext();
    const switchedAt = clock.now().getTime();
    context.fleet.setBehaviour("churn-endpoint", "blue", "regressed");
    clock.advance(4 * HOUR_MS);
    const window = (from: number, to: number, endpoint: string) =>
      query(
        `AppRequests | where TimeGenerated >= ${at(from)} and TimeGenerated < ${at(to)} and Properties.endpoint == '${endpoint}' | summarize p95 = percentile(DurationMs, 95), errorRate = 1.0 * sumif(ItemCount, Success == false) / sum(ItemCount)`,
      )[0]!;
    // The same hours of the previous day, so that the load is comparable.
    const before = window(switchedAt - DAY_MS, switchedAt - DAY_MS + 4 * HOUR_MS, "churn-endpoint");
    const after = window(switchedAt, switchedAt + 4 * HOUR_MS, "churn-endpoint");
    expect(before.p95 as number).toBeGreaterThan(70);
    expect(before.p95 as number).toBeLessThan(110);
    expect(before.errorRate as number).toBeLessThan(0.01);
    expect((after.p95 as number) / (before.p95 as number)).toBeGreaterThan(2.2);
    expect((after.p95 as number) / (before.p95 as number)).toBeLessThan(2.8);
    expect((after.errorRate as number) - (before.errorRate as number)).toBeGreaterThan(0.045);
    expect((after.errorRate as number) - (before.errorRate as number)).toBeLessThan(0.075);
    // The other endpoint is untouched. Its AppRequests are absent by then (its exporter broke), so
    // its per-minute platform metrics tell: their median p95 stays healthy.
    const otherEndpoint = Array.from({ length: 24 }, (_, index) => telemetry.deploymentMinuteStats("fraud-endpoint", "main", new Date(switchedAt + index * 10 * MINUTE_MS)).latencyMs.p95);
    expect(otherEndpoint.sort((a, b) => a - b)[12]).toBeLessThan(100);
  });

  it("shifts rows to a new traffic split from the moment it is applied, mirrored copies marked", () => {
    const { query, clock, context } = telemetryTestContext();
    const changedAt = clock.now().getTime() + 17_000; // mid-minute
    clock.advance(17_000);
    context.fleet.applyTraffic("churn-endpoint", { blue: 90, green: 10 }, {});
    clock.advance(2 * HOUR_MS);
    context.fleet.applyTraffic("churn-endpoint", { blue: 100, green: 0 }, { green: 20 });
    const mirroredFrom = clock.now().getTime();
    clock.advance(2 * HOUR_MS);
    const split = (from: number, to: number) =>
      new Map(
        query(
          `AppRequests | where TimeGenerated >= ${at(from)} and TimeGenerated < ${at(to)} and Properties.endpoint == 'churn-endpoint' | summarize requests = sum(ItemCount), mirrored = countif(Properties.mirrored == true), earliest = min(TimeGenerated) by deployment = tostring(Properties.deployment)`,
        ).map((row) => [row.deployment, row]),
      );
    const before = split(changedAt - 2 * HOUR_MS, changedAt);
    expect(before.has("green")).toBe(false);
    const canary = split(changedAt, mirroredFrom);
    const share = (canary.get("green")!.requests as number) / ((canary.get("green")!.requests as number) + (canary.get("blue")!.requests as number));
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
    expect(canary.get("green")!.earliest as number).toBeGreaterThanOrEqual(changedAt);
    expect(canary.get("green")!.mirrored).toBe(0);
    const shadow = split(mirroredFrom, mirroredFrom + 2 * HOUR_MS);
    const green = shadow.get("green")!;
    expect(green.mirrored).toBeGreaterThan(0);
    expect(query(`AppRequests | where TimeGenerated >= ${at(mirroredFrom)} and Properties.deployment == 'green' and isnull(Properties.mirrored) | count`)).toEqual([{ Count: 0 }]);
    const mirrorShare = (green.requests as number) / (shadow.get("blue")!.requests as number);
    expect(mirrorShare).toBeGreaterThan(0.16);
    expect(mirrorShare).toBeLessThan(0.24);
  });

  it("carries green's mirrored copies through the scenario's shadow evaluation, and none today", () => {
    const { query, clock } = telemetryTestContext();
    const anchor = clock.anchor.getTime();
    const day = (from: number) =>
      new Map(
        query(
          `AppRequests | where TimeGenerated >= ${at(from)} and TimeGenerated < ${at(Math.min(from + DAY_MS, clock.now().getTime()))} and Properties.endpoint == 'churn-endpoint' | summarize requests = sum(ItemCount), mirrored = sumif(ItemCount, Properties.mirrored == true) by deployment = tostring(Properties.deployment)`,
        ).map((row) => [row.deployment, row]),
      );
    const shadowDay = day(anchor - 7 * DAY_MS);
    const green = shadowDay.get("green")!;
    expect(green.mirrored).toBe(green.requests);
    expect(shadowDay.get("blue")!.mirrored).toBe(0);
    const mirrorShare = (green.requests as number) / (shadowDay.get("blue")!.requests as number);
    expect(mirrorShare).toBeGreaterThan(0.18);
    expect(mirrorShare).toBeLessThan(0.22);
    expect([...day(anchor).keys()]).toEqual(["blue"]);
    expect([...day(anchor - 15 * DAY_MS).keys()]).toEqual(["blue"]);
  });

  it("gives per-minute deployment statistics equal to a summarize over the minute's rows", () => {
    const { query, clock, context, telemetry } = telemetryTestContext();
    context.fleet.setBehaviour("churn-endpoint", "blue", "regressed");
    clock.advance(90 * MINUTE_MS + 20_000);
    const now = clock.now().getTime();
    const currentMinute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const minutes = [currentMinute, currentMinute - 45 * MINUTE_MS, currentMinute - 3 * HOUR_MS, currentMinute - 5 * HOUR_MS, currentMinute - 9 * DAY_MS];
    // Where AppRequests are absent (the broken exporter), only the platform metrics count.
    const exported = (endpoint: string, minute: number) => endpoint !== ABSENT_TELEMETRY.endpoint || minute + MINUTE_MS <= telemetryAbsentFrom(clock);
    for (const [endpoint, deployment] of [["churn-endpoint", "blue"], ["fraud-endpoint", "main"]] as const) {
      for (const minute of minutes.filter((each) => exported(endpoint, each))) {
        const [row] = query(
          `AppRequests | where TimeGenerated >= ${at(minute)} and TimeGenerated < ${at(minute + MINUTE_MS)} and Properties.endpoint == '${endpoint}' and Properties.deployment == '${deployment}'
           | summarize requests = sum(ItemCount), errors = sumif(ItemCount, Success == false), avg = avg(DurationMs), percentiles(DurationMs, 50, 90, 95, 99)`,
        );
        const stats = telemetry.deploymentMinuteStats(endpoint, deployment, new Date(minute + 1234));
        expect(stats.requests, `${endpoint} ${new Date(minute).toISOString()}`).toBe(row!.requests);
        expect(stats.requests).toBeGreaterThan(0);
        expect(stats.errors).toBe(row!.errors);
        expect(stats.latencyMs.avg).toBeCloseTo(row!.avg as number, 9);
        expect([stats.latencyMs.p50, stats.latencyMs.p90, stats.latencyMs.p95, stats.latencyMs.p99]).toEqual([
          row!.percentile_DurationMs_50,
          row!.percentile_DurationMs_90,
          row!.percentile_DurationMs_95,
          row!.percentile_DurationMs_99,
        ]);
      }
    }
    expect(telemetry.deploymentMinuteStats("churn-endpoint", "green", new Date(currentMinute))).toEqual({
      requests: 0,
      errors: 0,
      latencyMs: { avg: 0, p50: 0, p90: 0, p95: 0, p99: 0 },
    });
  });
});
