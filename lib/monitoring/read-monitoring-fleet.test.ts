import { describe, expect, it } from "vitest";
import { contextWithRoles } from "@/lib/experiments/testing/viewer-context";
import { fakeTelemetry } from "@/lib/rollouts/telemetry/testing/fake-telemetry";
import { RoundTrips } from "@/lib/services/testing/round-trips";
import { testServices } from "@/lib/services/testing/test-services";
import { readMonitoringFleet } from "./read-monitoring-fleet";

function fleetServices(trips: RoundTrips) {
  const telemetry = fakeTelemetry({ now: "2026-11-20T12:00:03Z" });
  const services = testServices({ now: telemetry.now });
  services.logAnalytics = { client: () => trips.wrap(telemetry.logAnalytics.client(), "logs"), cache: telemetry.logAnalytics.cache };
  return { services, telemetry };
}

describe("readMonitoringFleet", () => {
  it("reads drift, lift, label maturity, feature freshness and dead letters at once: one round trip", async () => {
    const trips = new RoundTrips();
    const { services, telemetry } = fleetServices(trips);
    const { value, depth } = await trips.run(() => readMonitoringFleet(contextWithRoles(), {}, services));
    expect(depth).toBe(1);
    expect(telemetry.sent.map((query) => query.name).sort()).toEqual(["deadLetter", "featureFreshness", "fleetDrift", "fleetLift", "labelMaturity"]);
    expect(value.models.value).toEqual([]);
    // Outcomes are complete 72 h back.
    expect(value.cohort.matureBefore).toBe("2026-11-17T12:00:00.000Z");
  });

  it("refuses a reader without monitoring:read", async () => {
    const { services } = fleetServices(new RoundTrips());
    await expect(readMonitoringFleet(contextWithRoles(["Stagegate.FinOps"]), {}, services)).rejects.toMatchObject({ status: 403 });
  });

  it("keeps the page when Log Analytics fails: each panel carries the problem", async () => {
    const trips = new RoundTrips();
    const { services, telemetry } = fleetServices(trips);
    telemetry.failing = true;
    const { value } = await trips.run(() => readMonitoringFleet(contextWithRoles(), {}, services));
    expect(value.models.problem?.upstream).toBe("Log Analytics");
    expect(value.deadLetters.problem?.upstream).toBe("Log Analytics");
  });
});
