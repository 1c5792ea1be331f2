import { describe, expect, it } from "vitest";
import { fakeUpstream } from "@/lib/services/testing/test-services";
import { RoundTrips } from "@/lib/services/testing/round-trips";
import { ReadCache } from "../read-cache";
import { HINT_KEYS, MemoryReadHints } from "../read-hints";
import type { OnlineDeploymentInfo, OnlineEndpointInfo } from "./azure-ml-client";
import { AzureMlError } from "./azure-ml-client";
import { cachedEndpoints, readEndpointFleet, type FleetReads } from "./endpoint-fleet";

const endpoint = (name: string) => ({ name, traffic: {}, mirrorTraffic: {} }) as unknown as OnlineEndpointInfo;
const deployment = (endpointName: string, name: string) => ({ endpointName, name, model: `azureml:m:${name}` }) as unknown as OnlineDeploymentInfo;

/** ARM with three endpoints; every deployments list waits until `release` is called, counting how many wait at once. */
function gatedArm() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const calls: string[] = [];
  let waiting = 0;
  let mostWaiting = 0;
  const client: FleetReads = {
    listOnlineEndpoints: async () => {
      calls.push("endpoints");
      return [endpoint("a"), endpoint("b"), endpoint("c")];
    },
    listOnlineDeployments: async (name) => {
      calls.push(`deployments:${name}`);
      mostWaiting = Math.max(mostWaiting, ++waiting);
      await gate;
      waiting--;
      return [deployment(name, "blue")];
    },
  };
  return { client, calls, release, mostWaiting: () => mostWaiting };
}

describe("the endpoint fleet", () => {
  it("lists every endpoint's deployments at once, after one endpoints list", async () => {
    const arm = gatedArm();
    const reading = readEndpointFleet(fakeUpstream(arm.client), new MemoryReadHints());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(arm.mostWaiting()).toBe(3);
    arm.release();
    const fleet = await reading;
    expect(fleet.value.map((entry) => [entry.endpoint.name, entry.deployments.map((d) => d.name)])).toEqual([
      ["a", ["blue"]],
      ["b", ["blue"]],
      ["c", ["blue"]],
    ]);
    expect(arm.calls).toEqual(["endpoints", "deployments:a", "deployments:b", "deployments:c"]);
  });

  it("reads each part once however many ask, and shares the endpoints list with cachedEndpoints", async () => {
    const arm = gatedArm();
    arm.release();
    const azureMl = fakeUpstream(arm.client);
    const hints = new MemoryReadHints();
    await Promise.all([readEndpointFleet(azureMl, hints), readEndpointFleet(azureMl, hints), cachedEndpoints(azureMl)]);
    expect(arm.calls).toEqual(["endpoints", "deployments:a", "deployments:b", "deployments:c"]);
  });

  it("serves the last good parts when ARM fails, as old as the oldest, saying why", async () => {
    let now = Date.parse("2026-12-01T10:00:00Z");
    let failing = false;
    const client: FleetReads = {
      listOnlineEndpoints: async () => [endpoint("a")],
      listOnlineDeployments: async (name) => {
        if (failing) throw new AzureMlError("ARM answered 503", 503, "ServiceUnavailable", true);
        return [deployment(name, "blue")];
      },
    };
    const azureMl = { client: () => client, cache: new ReadCache({ freshMs: 30_000, maxEntries: 10, now: () => now }) };
    await readEndpointFleet(azureMl, new MemoryReadHints());
    now += 60_000;
    failing = true;
    const stale = await readEndpointFleet(azureMl, new MemoryReadHints());
    expect(stale.value[0]!.deployments.map((d) => d.name)).toEqual(["blue"]);
    expect(stale.staleBecause).toBe("ARM answered 503");
    expect(stale.asOf.toISOString()).toBe("2026-12-01T10:00:00.000Z");
  });

  it("fails when a part fails with nothing cached", async () => {
    const client: FleetReads = {
      listOnlineEndpoints: async () => [endpoint("a")],
      listOnlineDeployments: async () => Promise.reject(new AzureMlError("ARM answered 503", 503, "ServiceUnavailable", true)),
    };
    await expect(readEndpointFleet(fakeUpstream(client), new MemoryReadHints())).rejects.toThrow("ARM answered 503");
  });

  describe("with the endpoint names a read hint remembers", () => {
    const armOf = () => {
      const arm = gatedArm();
      arm.release();
      return arm;
    };
    const fleetIn = async (hinted: string[] | null) => {
      const arm = armOf();
      const hints = new MemoryReadHints();
      if (hinted) hints.values.set(HINT_KEYS.endpointNames, hinted);
      const trips = new RoundTrips();
      const { value, depth } = await trips.run(() => readEndpointFleet(fakeUpstream(trips.wrap(arm.client, "arm")), hints));
      return { names: value.value.map((entry) => entry.endpoint.name), depth, waves: trips.waves, calls: arm.calls, hints };
    };

    it("reads the deployments beside the list: one round trip, two without the hint (which the read records)", async () => {
      const warm = await fleetIn(["a", "b", "c"]);
      expect(warm).toMatchObject({ names: ["a", "b", "c"], depth: 1 });
      const cold = await fleetIn(null);
      expect(cold).toMatchObject({ names: ["a", "b", "c"], depth: 2 });
      expect(cold.hints.values.get(HINT_KEYS.endpointNames)).toEqual(["a", "b", "c"]);
    });

    it("follows the list when the hint is out of date: reads a new endpoint after it, drops a removed one", async () => {
      const stale = await fleetIn(["a", "gone"]);
      expect(stale.names).toEqual(["a", "b", "c"]);
      expect(stale.depth).toBe(2);
      expect(stale.waves[1]!.sort()).toEqual(["arm.listOnlineDeployments", "arm.listOnlineDeployments"]);
      expect(stale.calls.filter((call) => call === "deployments:a")).toHaveLength(1);
      expect(stale.hints.values.get(HINT_KEYS.endpointNames)).toEqual(["a", "b", "c"]);
    });
  });
});
