import { describe, expect, it } from "vitest";
import { AuthorizationError } from "@/lib/auth/permissions";
import { contextWithRoles } from "@/lib/experiments/testing/viewer-context";
import { RefusedError } from "@/lib/errors/refused-error";
import { readLiveEndpointStats } from "./read-live-endpoint-stats";
import { fakeTelemetry } from "./testing/fake-telemetry";

describe("readLiveEndpointStats", () => {
  it("gives a reader the endpoint's last 15 minutes per deployment, with the time it was read", async () => {
    const fake = fakeTelemetry();
    const stats = await readLiveEndpointStats(contextWithRoles(), { endpoint: "churn-endpoint" }, fake.services);
    expect(stats).toMatchObject({
      endpoint: "churn-endpoint",
      window: { from: "2026-11-20T11:45:00.000Z", to: "2026-11-20T12:00:00.000Z" },
      asOf: "2026-11-20T12:00:03.000Z",
      deployments: [
        { deployment: "blue", live: { requests: 5400, failures: 16, p95Ms: 81.5 } },
        { deployment: "green", live: { requests: 600, failures: 2, p95Ms: 84 } },
      ],
    });
    expect(stats.staleBecause).toBeUndefined();
  });

  it("refuses callers without rollouts:read and names that are not endpoint names, before asking Log Analytics", async () => {
    const fake = fakeTelemetry();
    await expect(readLiveEndpointStats(contextWithRoles(["Stagegate.FinOps"]), { endpoint: "churn-endpoint" }, fake.services)).rejects.toBeInstanceOf(AuthorizationError);
    const refusal = await readLiveEndpointStats(contextWithRoles(), { endpoint: 'x" | take 1' }, fake.services).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RefusedError);
    expect(refusal).toMatchObject({ status: 400, fieldErrors: { endpoint: expect.any(String) } });
    expect(fake.sent).toEqual([]);
  });
});
