import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/generated/client";
import { DEFAULT_SLOS } from "@/lib/domain/slo/definitions";
import { AVAILABILITY_REFRESH_MS, readAvailabilityBudget, readDeploymentKpis, readDeploymentSeries, readDeploymentStats } from "./read-deployment-stats";
import { fakeTelemetry } from "./testing/fake-telemetry";

const LIVE = { kind: "trailing", durationMs: 900_000 } as const;

describe("cached rollout telemetry reads", () => {
  it("send one query per key however many readers ask at once, and again only after the refresh interval", async () => {
    const fake = fakeTelemetry();
    const release = fake.hold();
    const readers = Array.from({ length: 50 }, () => readDeploymentStats(fake.services, "churn-endpoint", LIVE));
    release();
    const readings = await Promise.all(readers);
    expect(fake.sent).toHaveLength(1);
    expect(new Set(readings.map((reading) => reading.asOf)).size).toBe(1);
    expect(readings[0]!.value.deployments.map((entry) => [entry.deployment, entry.live.requests])).toEqual([
      ["blue", 5400],
      ["green", 600],
    ]);

    fake.advance(14_000);
    await readDeploymentStats(fake.services, "churn-endpoint", LIVE);
    expect(fake.sent).toHaveLength(1);
    fake.advance(1000);
    await Promise.all([readDeploymentStats(fake.services, "churn-endpoint", LIVE), readDeploymentStats(fake.services, "churn-endpoint", LIVE)]);
    expect(fake.sent).toHaveLength(2);
  });

  it("keys by query, endpoint and window, and asks about the window with its end rounded to the interval", async () => {
    const fake = fakeTelemetry({ now: "2026-11-20T12:00:07Z" });
    const step = { kind: "fixed", from: new Date("2026-11-20T11:00:00Z"), to: null } as const;
    const stats = await readDeploymentStats(fake.services, "churn-endpoint", LIVE);
    await readDeploymentStats(fake.services, "fraud-endpoint", LIVE);
    await readDeploymentStats(fake.services, "churn-endpoint", step);
    await readDeploymentSeries(fake.services, "churn-endpoint", step);
    expect(fake.sent.map((query) => query.name)).toEqual(["deploymentStats", "deploymentStats", "deploymentStats", "deploymentSeries"]);
    expect(stats.value.window).toEqual({ from: "2026-11-20T11:45:00.000Z", to: "2026-11-20T12:00:00.000Z" });
    expect(fake.sent[0]!.timespan).toEqual({ from: new Date("2026-11-20T11:45:00Z"), to: new Date("2026-11-20T12:00:00Z") });
    expect(fake.sent[0]!.text).toContain('let endpointName = "churn-endpoint";\nlet windowStart = datetime(2026-11-20T11:45:00.000Z);\nlet windowEnd = datetime(2026-11-20T12:00:00.000Z);');
    expect(fake.sent[3]!.text).toContain("let binSize = 60000ms;");
  });

  it("serve the last good value with its age and the reason when Log Analytics fails, and fail when nothing was ever read", async () => {
    const fake = fakeTelemetry();
    const good = await readDeploymentStats(fake.services, "churn-endpoint", LIVE);
    fake.failing = true;
    fake.advance(20_000);
    const stale = await readDeploymentStats(fake.services, "churn-endpoint", LIVE);
    expect(stale).toMatchObject({ value: good.value, asOf: good.asOf, staleBecause: expect.stringContaining("503") });
    await expect(readDeploymentStats(fake.services, "other-endpoint", LIVE)).rejects.toMatchObject({ upstream: "Log Analytics", transient: true });
  });

  it("compute the availability budget over 30 days of live requests, and scan KPI outcomes from the window's start up to now", async () => {
    const fake = fakeTelemetry();
    const budget = await readAvailabilityBudget(fake.services, "churn-endpoint");
    expect(budget.value.window).toEqual({ from: "2026-10-21T12:00:00.000Z", to: "2026-11-20T12:00:00.000Z" });
    expect(budget.value.budget).toMatchObject({ total: 12_000_000, bad: 3600, target: 0.999 });
    expect(budget.value.budget.remaining).toBeCloseTo(0.7, 9);

    const kpis = await readDeploymentKpis(fake.services, "churn-endpoint", { kind: "fixed", from: new Date("2026-11-15T00:00:00Z"), to: new Date("2026-11-16T00:00:00Z") });
    expect(kpis.value).toEqual({ window: { from: "2026-11-15T00:00:00.000Z", to: "2026-11-16T00:00:00.000Z" }, kpis: [] });
    expect(fake.sent.at(-1)!.timespan).toEqual({ from: new Date("2026-11-15T00:00:00Z"), to: new Date("2026-11-20T12:00:00Z") });
  });

  it("judge the availability budget against the endpoint's saved SLO: its target at once, its period as another window", async () => {
    const fake = fakeTelemetry();
    const availability = DEFAULT_SLOS.find((slo) => slo.id === "churn-endpoint-availability")!;
    let saved = { ...availability, target: 0.9998 };
    const db = { settingsVersion: { findMany: async () => [{ kind: "slo_definitions", name: availability.id, version: 1, content: saved, createdById: "a", createdByName: "Ada", changeNote: "tighter", createdAt: new Date() }] } } as unknown as PrismaClient;
    const services = { ...fake.services, db };
    // 12 000 000 requests at 99.98 % allow 2400 failures; 3600 overspend it by half.
    const tight = await readAvailabilityBudget(services, "churn-endpoint");
    expect(tight.value.slo).toEqual({ sloId: "churn-endpoint-availability", target: 0.9998, periodDays: 30 });
    expect(tight.value.budget.remaining).toBeCloseTo(-0.5, 9);
    // A target edited within the refresh applies without a new query.
    saved = { ...availability, target: 0.999 };
    expect((await readAvailabilityBudget(services, "churn-endpoint")).value.budget.remaining).toBeCloseTo(0.7, 9);
    expect(fake.sent).toHaveLength(1);
    saved = { ...availability, periodDays: 7 };
    expect((await readAvailabilityBudget(services, "churn-endpoint")).value.window).toEqual({ from: "2026-11-13T12:00:00.000Z", to: "2026-11-20T12:00:00.000Z" });
    expect(fake.sent).toHaveLength(2);
    // An endpoint without an availability SLO is held to the blueprint's 99.9 % over 30 days.
    expect((await readAvailabilityBudget(services, "other-endpoint")).value.slo).toEqual({ sloId: null, target: 0.999, periodDays: 30 });
  });

  it("ask for the 30-day availability budget once per 5 minutes, not per refresh interval", async () => {
    const fake = fakeTelemetry();
    await readAvailabilityBudget(fake.services, "churn-endpoint");
    fake.advance(AVAILABILITY_REFRESH_MS - 1000);
    await readAvailabilityBudget(fake.services, "churn-endpoint");
    expect(fake.sent).toHaveLength(1);
    fake.advance(1000);
    const refreshed = await readAvailabilityBudget(fake.services, "churn-endpoint");
    expect(fake.sent).toHaveLength(2);
    expect(refreshed.value.window.to).toBe("2026-11-20T12:05:00.000Z");
  });
});
