import { MetricsClient } from "@azure/monitor-query-metrics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningService } from "../../http/service-host";
import { workspacePath } from "../arm/online-endpoint-resources";
import { STATIC_TEST_CREDENTIAL } from "../../testing/static-credential";
import { startTestService, stopServices, testContext } from "../../testing/test-context";
import { DEPLOYMENT_NAMESPACE, ENDPOINT_NAMESPACE } from "./metric-catalog";
import { MetricSeriesBuilder, type MinuteStatsSource } from "./metric-series";
import { createMetricsService } from "./metrics-service";

// A known per-minute source, so expected values can be computed here independently.
const stats: MinuteStatsSource = (_endpoint, deployment, minute) => {
  const requests = 100 + (minute.getUTCMinutes() % 10);
  const p95 = deployment === "green" ? 150 : 90;
  return { requests, errors: 1, latencyMs: { avg: p95 / 2, p50: p95 / 2, p90: p95 - 10, p95, p99: p95 + 40 } };
};

describe("Azure Monitor metrics through @azure/monitor-query-metrics", () => {
  const context = testContext({ now: "2026-11-20T12:00:00Z" });
  const endpointId = `${workspacePath(context)}/onlineEndpoints/churn-endpoint`;
  let service: RunningService;
  let client: MetricsClient;

  beforeAll(async () => {
    const builder = new MetricSeriesBuilder(context.options.seed, context.fleet, stats, () => context.clock.now());
    service = await startTestService(context, "metrics", createMetricsService(context, builder));
    client = new MetricsClient(service.url, STATIC_TEST_CREDENTIAL);
  });
  afterAll(() => stopServices([service]));

  it("splits latency and request rate by deployment, one point per interval, with the requested aggregations", async () => {
    const [result] = await client.queryResources([endpointId], ["RequestLatency_P95", "RequestsPerMinute"], ENDPOINT_NAMESPACE, {
      startTime: new Date("2026-11-20T11:00:00Z"),
      endTime: new Date("2026-11-20T11:30:00Z"),
      interval: "PT5M",
      aggregation: "Average,Total,Maximum",
      filter: "deployment eq '*'",
      top: 10,
    });
    expect(result!.resourceId).toBe(endpointId);
    const latency = result!.getMetricByName("Request Latency P95")!;
    expect(latency.unit).toBe("Milliseconds");
    expect(latency.timeseries.map((series) => series.metadatavalues?.[0]?.value)).toEqual(["blue", "green"]);
    expect(latency.timeseries[0]!.metadatavalues?.[0]?.name).toBe("deployment");
    expect(latency.timeseries[0]!.data).toHaveLength(6);
    expect(latency.timeseries[1]!.data![0]).toMatchObject({ timeStamp: new Date("2026-11-20T11:00:00Z"), average: 150, maximum: 150 });

    const rate = result!.getMetricByName("Requests Per Minute")!;
    // 11:00–11:04 has minutes 0..4 → 100..104 requests per deployment.
    expect(rate.timeseries[0]!.data![0]).toMatchObject({ total: 510, average: 102, maximum: 104 });
  });

  it("combines deployments when not split, weighting latency by requests", async () => {
    const [result] = await client.queryResources([endpointId], ["RequestLatency_P95"], ENDPOINT_NAMESPACE, {
      startTime: new Date("2026-11-20T11:00:00Z"),
      endTime: new Date("2026-11-20T11:01:00Z"),
      interval: "PT1M",
      aggregation: "Average",
    });
    const series = result!.metrics[0]!.timeseries;
    expect(series).toHaveLength(1);
    expect(series[0]!.metadatavalues ?? []).toEqual([]);
    expect(series[0]!.data![0]!.average).toBe(120);
  });

  it("reports deployment capacity from the deployment's instance count", async () => {
    const [result] = await client.queryResources([`${endpointId}/deployments/blue`], ["DeploymentCapacity", "CpuUtilizationPercentage"], DEPLOYMENT_NAMESPACE, {
      startTime: new Date("2026-11-20T11:00:00Z"),
      endTime: new Date("2026-11-20T11:10:00Z"),
      interval: "PT5M",
      aggregation: "Maximum",
    });
    expect(result!.metrics[0]!.timeseries[0]!.data!.map((point) => point.maximum)).toEqual([3, 3]);
    expect(result!.metrics[1]!.timeseries[0]!.data![0]!.maximum).toBeGreaterThan(0);
  });

  it("omits aggregations where there is no data (the future), and refuses unknown metrics with 400", async () => {
    const [result] = await client.queryResources([endpointId], ["RequestsPerMinute"], ENDPOINT_NAMESPACE, {
      // Both deployments: 2 × (100 + minute % 10); 12:01 is after now, so it has no data.
      startTime: new Date("2026-11-20T11:58:00Z"),
      endTime: new Date("2026-11-20T12:02:00Z"),
      interval: "PT1M",
      aggregation: "Total",
    });
    const points = result!.metrics[0]!.timeseries[0]!.data!;
    expect(points.map((point) => point.total)).toEqual([216, 218, 200, undefined]);
    await expect(client.queryResources([endpointId], ["NoSuchMetric"], ENDPOINT_NAMESPACE)).rejects.toMatchObject({ statusCode: 400 });
  });
});
