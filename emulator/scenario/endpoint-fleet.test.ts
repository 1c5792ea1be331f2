// The fleet's traffic history: the scenario's own past (v7's shadow evaluation on churn-endpoint)
// before any client change, and only client changes saved and restored.
import { describe, expect, it } from "vitest";
import { createClock, DAY_MS, HOUR_MS } from "./clock";
import { EndpointFleet } from "./endpoint-fleet";

const ENDPOINT = "churn-endpoint";
const NOW = "2026-11-20T12:00:00.000Z";

function fleetAt(now: string) {
  const clock = createClock(new Date(now));
  return { fleet: new EndpointFleet(clock), anchor: clock.anchor.getTime() };
}

describe("EndpointFleet", () => {
  it("starts with v7 mirrored at 20 % from 14 days before the anchor until the day before, and today's traffic as it was", () => {
    const { fleet, anchor } = fleetAt(NOW);
    const mirrorAt = (ms: number) => fleet.trafficAt(ENDPOINT, new Date(ms))!.mirrorTraffic;
    expect(mirrorAt(anchor - 14 * DAY_MS - 1)).toEqual({});
    expect(mirrorAt(anchor - 14 * DAY_MS)).toEqual({ green: 20 });
    expect(mirrorAt(anchor - 7 * DAY_MS)).toEqual({ green: 20 });
    expect(mirrorAt(anchor - DAY_MS - 1)).toEqual({ green: 20 });
    expect(mirrorAt(anchor - DAY_MS)).toEqual({});
    // Live traffic never moved: blue served every user throughout.
    for (const days of [20, 14, 7, 1, 0]) expect(fleet.trafficAt(ENDPOINT, new Date(anchor - days * DAY_MS))!.traffic).toEqual({ blue: 100, green: 0 });

    const endpoint = fleet.get(ENDPOINT)!;
    expect(endpoint).toMatchObject({ traffic: { blue: 100, green: 0 }, mirrorTraffic: {}, lastModifiedAt: endpoint.spec.createdAt });
    const green = endpoint.spec.deployments.find((deployment) => deployment.name === "green")!;
    expect(green.createdAt.getTime()).toBe(anchor - 16 * DAY_MS);
    expect(fleet.trafficChanges(ENDPOINT, new Date(anchor - 15 * DAY_MS), new Date(anchor)).map((state) => state.mirrorTraffic)).toEqual([{}, { green: 20 }, {}]);
  });

  it("counts the scenario's past as no change, and saves and restores only what clients changed", () => {
    const { fleet } = fleetAt(NOW);
    expect(fleet.changes()).toBeUndefined();
    fleet.applyTraffic(ENDPOINT, { blue: 90, green: 10 }, {}, { environment: "prod", rollout: "r-1" });
    const changes = fleet.changes()!;
    expect(changes.endpoints).toEqual([
      { name: ENDPOINT, traffic: [{ at: NOW, traffic: { blue: 90, green: 10 }, mirrorTraffic: {} }], tags: { environment: "prod", rollout: "r-1" }, lastModifiedAt: NOW, behaviour: [] },
    ]);

    // Restarted two hours later: the change is back at its time, the scenario's past under it.
    const restarted = fleetAt("2026-11-20T14:00:00.000Z");
    restarted.fleet.restore(JSON.parse(JSON.stringify(changes)));
    expect(restarted.fleet.changes()).toEqual(changes);
    expect(restarted.fleet.get(ENDPOINT)).toMatchObject({ traffic: { blue: 90, green: 10 }, mirrorTraffic: {}, tags: { environment: "prod", rollout: "r-1" } });
    expect(restarted.fleet.trafficAt(ENDPOINT, new Date(Date.parse(NOW) - 1))!.traffic).toEqual({ blue: 100, green: 0 });
    expect(restarted.fleet.trafficAt(ENDPOINT, new Date(restarted.anchor - 7 * DAY_MS))!.mirrorTraffic).toEqual({ green: 20 });

    restarted.fleet.reset();
    expect(restarted.fleet.changes()).toBeUndefined();
  });

  it("lets a restored change stand over the scenario's past when the anchor has moved on past it", () => {
    const { fleet } = fleetAt(NOW);
    fleet.applyTraffic(ENDPOINT, { blue: 50, green: 50 }, {});
    const changes = fleet.changes()!;
    // Three days later the scenario's shadow ends two days after the saved change.
    const later = fleetAt("2026-11-23T09:00:00.000Z");
    later.fleet.restore(changes);
    expect(later.fleet.get(ENDPOINT)!.traffic).toEqual({ blue: 50, green: 50 });
    for (const hoursBefore of [48, 12]) {
      expect(later.fleet.trafficAt(ENDPOINT, new Date(later.anchor - hoursBefore * HOUR_MS))).toMatchObject({ traffic: { blue: 50, green: 50 }, mirrorTraffic: {} });
    }
    expect(later.fleet.trafficAt(ENDPOINT, new Date(Date.parse(NOW) - 1))!.mirrorTraffic).toEqual({ green: 20 });
    expect(later.fleet.changes()).toEqual(changes);
  });
});
