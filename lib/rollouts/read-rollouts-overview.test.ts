import { describe, expect, it } from "vitest";
import { contextWithRoles } from "@/lib/experiments/testing/viewer-context";
import { fakeFleet } from "@/lib/registry/testing/fake-fleet";
import { RoundTrips } from "@/lib/services/testing/round-trips";
import { testServices } from "@/lib/services/testing/test-services";
import type { PrismaClient } from "@/lib/db/generated/client";
import { AzureMlError } from "@/lib/sources/azure-ml/azure-ml-client";
import { HINT_KEYS, MemoryReadHints } from "@/lib/sources/read-hints";
import { readRolloutsOverview } from "./read-rollouts-overview";
import { fakeTelemetry } from "./telemetry/testing/fake-telemetry";

/** No rollouts and no approved requests: the page's upstream reads alone. */
const emptyDb = { rollout: { findMany: async () => [] }, promotionRequest: { findMany: async () => [] } } as unknown as PrismaClient;

function overviewServices(trips: RoundTrips, fleet = fakeFleet(), hints = new MemoryReadHints()) {
  const telemetry = fakeTelemetry();
  const services = testServices({ db: emptyDb, azureMl: trips.wrap(fleet, "arm"), now: telemetry.now, hints });
  services.logAnalytics = { client: () => trips.wrap(telemetry.logAnalytics.client(), "logs"), cache: telemetry.logAnalytics.cache };
  return services;
}

describe("readRolloutsOverview", () => {
  it("reads each endpoint's live stats beside its deployments, as soon as ARM lists the endpoints: two round trips", async () => {
    const trips = new RoundTrips();
    const { value, depth } = await trips.run(() => readRolloutsOverview(contextWithRoles(), {}, overviewServices(trips)));
    expect(value.endpoints).toHaveLength(1);
    expect(value.endpoints[0]!.deployments.map((deployment) => deployment.name)).toEqual(["blue", "green"]);
    expect(value.endpoints[0]!.live.value?.deployments.map((deployment) => deployment.deployment)).toEqual(["blue", "green"]);
    expect(depth).toBe(2);
    expect(trips.waves).toEqual([["arm.listOnlineEndpoints"], ["arm.listOnlineDeployments", "logs.query"]]);
  });

  it("reads deployments and live stats beside ARM's list for the endpoint names the last read saw: one round trip", async () => {
    const hints = new MemoryReadHints();
    const first = new RoundTrips();
    await first.run(() => readRolloutsOverview(contextWithRoles(), {}, overviewServices(first, fakeFleet(), hints)));
    expect(hints.values.get(HINT_KEYS.endpointNames)).toEqual(["churn-endpoint"]);
    const trips = new RoundTrips();
    const { value, depth } = await trips.run(() => readRolloutsOverview(contextWithRoles(), {}, overviewServices(trips, fakeFleet(), hints)));
    expect(depth).toBe(1);
    expect(trips.waves[0]!.sort()).toEqual(["arm.listOnlineDeployments", "arm.listOnlineEndpoints", "logs.query"]);
    expect(value.endpoints[0]!.live.value?.deployments.map((deployment) => deployment.deployment)).toEqual(["blue", "green"]);
  });

  it("follows ARM's list when the hinted names are out of date: a new endpoint is read after it, a gone one dropped", async () => {
    const hints = new MemoryReadHints();
    hints.values.set(HINT_KEYS.endpointNames, ["gone-endpoint"]);
    const trips = new RoundTrips();
    const { value, depth } = await trips.run(() => readRolloutsOverview(contextWithRoles(), {}, overviewServices(trips, fakeFleet(), hints)));
    expect(value.endpoints.map((entry) => entry.endpoint.name)).toEqual(["churn-endpoint"]);
    expect(value.endpoints[0]!.live.value?.deployments.map((deployment) => deployment.deployment)).toEqual(["blue", "green"]);
    expect(depth).toBe(2);
    expect(hints.values.get(HINT_KEYS.endpointNames)).toEqual(["churn-endpoint"]);
  });

  it("shows ARM's problem and no live stats when the fleet cannot be read", async () => {
    const trips = new RoundTrips();
    const failing = fakeFleet({ listOnlineEndpoints: async () => Promise.reject(new AzureMlError("ARM down", 503, "ServiceUnavailable", true)) });
    const { value } = await trips.run(() => readRolloutsOverview(contextWithRoles(), {}, overviewServices(trips, failing)));
    expect(value.fleetProblem).toMatchObject({ upstream: "Azure Resource Manager", message: "ARM down" });
    expect(value.endpoints).toEqual([]);
  });
});
