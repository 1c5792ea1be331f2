import { describe, expect, it } from "vitest";
import { contextWithRoles } from "@/lib/experiments/testing/viewer-context";
import type { PrismaClient } from "@/lib/db/generated/client";
import { fakeTelemetry } from "@/lib/rollouts/telemetry/testing/fake-telemetry";
import { RoundTrips } from "@/lib/services/testing/round-trips";
import { testServices } from "@/lib/services/testing/test-services";
import { readModelMonitoring } from "./read-model-monitoring";

/** No decisions recorded yet. */
const db = { auditEvent: { findMany: async () => [], count: async () => 0 } } as unknown as PrismaClient;

function monitoringServices(trips: RoundTrips, telemetry = fakeTelemetry({ now: "2026-11-20T12:00:03Z" })) {
  const services = testServices({ db, now: telemetry.now });
  services.logAnalytics = { client: () => trips.wrap(telemetry.logAnalytics.client(), "logs"), cache: telemetry.logAnalytics.cache };
  return { services, telemetry };
}

describe("readModelMonitoring", () => {
  it("starts every panel's query at once: one round trip", async () => {
    const trips = new RoundTrips();
    const { services, telemetry } = monitoringServices(trips);
    const { value, depth } = await trips.run(() => readModelMonitoring(contextWithRoles(), { model: "churn_xgb", from: "now-7d", to: "now" }, services));
    expect(depth).toBe(1);
    expect(telemetry.sent.map((query) => query.name).sort()).toEqual(["calibration", "deadLetter", "driftBins", "driftCells", "featureFreshness", "liftByDecile", "topDecileLift"]);
    expect(value.cellSize.label).toBe("day");
    expect(value.range.label).toBe("Last 7 days");
  });

  it("answers a second view within the same refresh from the read cache: every query's text holds still", async () => {
    let now = new Date("2026-11-20T12:00:03Z");
    const telemetry = fakeTelemetry({ now: () => now });
    const trips = new RoundTrips();
    const { services } = monitoringServices(trips, telemetry);
    const view = () => trips.run(() => readModelMonitoring(contextWithRoles(), { model: "churn_xgb", from: "now-30d", to: "now" }, services));
    await view();
    // Two minutes later, the same 5-minute refresh: no query is sent again (the outcome queries' "matured before" included).
    now = new Date("2026-11-20T12:02:03Z");
    await view();
    expect(telemetry.sent).toHaveLength(7);
    // The next refresh reads again.
    now = new Date("2026-11-20T12:05:03Z");
    await view();
    expect(telemetry.sent).toHaveLength(14);
  });

  it("refuses a reader without monitoring:read, and a range it cannot read with what to write instead", async () => {
    const trips = new RoundTrips();
    const { services } = monitoringServices(trips);
    await expect(readModelMonitoring(contextWithRoles(["Stagegate.FinOps"]), { model: "churn_xgb" }, services)).rejects.toMatchObject({ status: 403 });
    await expect(readModelMonitoring(contextWithRoles(), { model: "churn_xgb", from: "now-7x" }, services)).rejects.toMatchObject({ status: 400, message: expect.stringContaining("now-7d") });
    await expect(readModelMonitoring(contextWithRoles(), { model: "" }, services)).rejects.toMatchObject({ status: 400 });
  });

  it("gives each panel Log Analytics' problem when it cannot answer, rather than failing the page", async () => {
    const trips = new RoundTrips();
    const { services, telemetry } = monitoringServices(trips);
    telemetry.failing = true;
    const { value } = await trips.run(() => readModelMonitoring(contextWithRoles(), { model: "churn_xgb" }, services));
    expect(value.heatmap.problem?.upstream).toBe("Log Analytics");
    expect(value.outcomes.problem?.upstream).toBe("Log Analytics");
    expect(value.featureTables.problem?.message).toMatch(/503/);
    expect(value.histogram).toBeNull();
  });
});
