import { describe, expect, it } from "vitest";
import { fakeUpstream } from "@/lib/services/testing/test-services";
import { ReadCache } from "../read-cache";
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
    const reading = readEndpointFleet(fakeUpstream(arm.client));
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
    await Promise.all([readEndpointFleet(azureMl), readEndpointFleet(azureMl), cachedEndpoints(azureMl)]);
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
    await readEndpointFleet(azureMl);
    now += 60_000;
    failing = true;
    const stale = await readEndpointFleet(azureMl);
    expect(stale.value[0]!.deployments.map((d) => d.name)).toEqual(["blue"]);
    expect(stale.staleBecause).toBe("ARM answered 503");
    expect(stale.asOf.toISOString()).toBe("2026-12-01T10:00:00.000Z");
  });

  it("fails when a part fails with nothing cached", async () => {
    const client: FleetReads = {
      listOnlineEndpoints: async () => [endpoint("a")],
      listOnlineDeployments: async () => Promise.reject(new AzureMlError("ARM answered 503", 503, "ServiceUnavailable", true)),
    };
    await expect(readEndpointFleet(fakeUpstream(client))).rejects.toThrow("ARM answered 503");
  });
});
