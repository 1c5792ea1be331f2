import { CostManagementClient, type QueryDefinition } from "@azure/arm-costmanagement";
import { createPipelineRequest } from "@azure/core-rest-pipeline";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningService } from "../../http/service-host";
import { CostLedger, EXPERIMENT_TAG } from "../../scenario/cost-ledger";
import { STATIC_TEST_CREDENTIAL } from "../../testing/static-credential";
import { startTestService, stopServices, testContext } from "../../testing/test-context";
import { createArmService } from "../arm/arm-service";
import { MetricSeriesBuilder } from "../metrics/metric-series";

const EXPERIMENTS = Array.from({ length: 16 }, (_, index) => ({ experimentId: String(100 + index), name: `/Shared/telco/experiment-${index}` }));

describe("Cost Management query through @azure/arm-costmanagement", () => {
  const context = testContext();
  const scope = `subscriptions/${context.identity.subscriptionId}`;
  let service: RunningService;
  let client: CostManagementClient;
  let ledger: CostLedger;

  beforeAll(async () => {
    ledger = new CostLedger(context.options.seed, context.clock, context.identity, context.fleet, EXPERIMENTS);
    const metrics = new MetricSeriesBuilder(context.options.seed, context.fleet, () => ({ requests: 0, errors: 0, latencyMs: { avg: 0, p50: 0, p90: 0, p95: 0, p99: 0 } }), () => context.clock.now());
    service = await startTestService(context, "arm", createArmService(context, ledger, metrics));
    client = new CostManagementClient(STATIC_TEST_CREDENTIAL, { endpoint: service.url, credentialScopes: ["https://management.azure.com/.default"] });
  });
  beforeEach(() => context.onReset.forEach((reset) => reset()));
  afterAll(() => stopServices([service]));

  const lastThirtyDays: QueryDefinition = {
    type: "ActualCost",
    timeframe: "Custom",
    timePeriod: { from: new Date("2026-10-22T00:00:00Z"), to: new Date("2026-11-20T23:59:59Z") },
    dataset: {
      granularity: "None",
      aggregation: { totalCost: { name: "Cost", function: "Sum" } },
      grouping: [{ type: "TagKey", name: EXPERIMENT_TAG }],
    },
  };

  it("sums cost by the experiment tag, server-side, with the untagged remainder under an empty tag value", async () => {
    const result = await client.query.usage(scope, lastThirtyDays);
    expect(result.columns?.map((column) => column.name)).toEqual(["Cost", "TagKey", "TagValue", "Currency"]);
    const byExperiment = new Map(result.rows!.map((row) => [row[2] as string, row[0] as number]));
    const tagged = [...byExperiment.keys()].filter(Boolean);
    expect(tagged.length).toBeGreaterThanOrEqual(12);
    expect(byExperiment.has("")).toBe(true);

    // Independent check against the ledger's rows.
    const rows = ledger.rowsBetween(new Date("2026-10-22T00:00:00Z"), new Date("2026-11-20T23:59:59Z"));
    const expected = rows.filter((row) => row.tags[EXPERIMENT_TAG] === tagged[0]).reduce((sum, row) => sum + row.actualCost, 0);
    expect(byExperiment.get(tagged[0]!)).toBeCloseTo(expected, 4);
  });

  it("groups daily by dimension, filters with And/Or/Not, and pages through nextLink by POSTing the same body", async () => {
    const definition: QueryDefinition = {
      type: "AmortizedCost",
      timeframe: "Custom",
      timePeriod: { from: new Date("2026-08-01T00:00:00Z"), to: new Date("2026-11-20T23:59:59Z") },
      dataset: {
        granularity: "Daily",
        aggregation: { totalCost: { name: "PreTaxCost", function: "Sum" } },
        grouping: [{ type: "Dimension", name: "ResourceId" }],
        filter: {
          and: [
            { dimensions: { name: "ResourceGroupName", operator: "In", values: [context.identity.resourceGroup] } },
            { or: [
              { dimensions: { name: "ServiceName", operator: "In", values: ["Azure Machine Learning", "Log Analytics"] } },
              { tags: { name: "environment", operator: "In", values: ["dev"] } },
            ] },
          ],
        },
      },
    };
    const first = await client.query.usage(scope, definition);
    expect(first.columns?.map((column) => column.name)).toEqual(["PreTaxCost", "ResourceId", "UsageDate", "Currency"]);
    expect(first.nextLink).toBeTruthy();
    const rows = [...first.rows!];
    let nextLink = first.nextLink;
    while (nextLink) {
      const response = await client.pipeline.sendRequest(
        client,
        createPipelineRequest({ url: nextLink, method: "POST", body: JSON.stringify(definition), headers: undefined }),
      );
      const page = JSON.parse(response.bodyAsText!);
      rows.push(...page.properties.rows);
      nextLink = page.properties.nextLink;
    }
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.every((row) => row[1] === String(row[1]).toLowerCase())).toBe(true);
    expect(rows.some((row) => String(row[1]).includes("storageaccounts"))).toBe(false);
    expect(new Set(rows.map((row) => row[2])).has(20261120)).toBe(true);
  });

  it("supports Not in filters (sent raw: the SDK's QueryFilter model has no `not`)", async () => {
    const response = await fetch(`${service.url}/${scope}/providers/Microsoft.CostManagement/query?api-version=2024-08-01`, {
      method: "POST",
      headers: { authorization: "Bearer test-token", "content-type": "application/json" },
      body: JSON.stringify({
        ...lastThirtyDays,
        dataset: { aggregation: { totalCost: { name: "Cost", function: "Sum" } }, grouping: [{ type: "Dimension", name: "ServiceName" }], filter: { not: { dimensions: { name: "ServiceName", operator: "In", values: ["Storage"] } } } },
      }),
    });
    const services = (await response.json()).properties.rows.map((row: unknown[]) => row[1]);
    expect(services).toContain("Azure Machine Learning");
    expect(services).not.toContain("Storage");
  });

  it("spreads a reservation purchase over the month in AmortizedCost but not in ActualCost", async () => {
    const monthly = (type: "ActualCost" | "AmortizedCost") =>
      client.query.usage(scope, {
        type,
        timeframe: "Custom",
        timePeriod: { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-02T23:59:59Z") },
        dataset: {
          granularity: "Daily",
          aggregation: { totalCost: { name: "Cost", function: "Sum" } },
          filter: { dimensions: { name: "ChargeType", operator: "In", values: ["Purchase"] } },
        },
      });
    const actual = (await monthly("ActualCost")).rows!.map((row) => row[0]);
    const amortized = (await monthly("AmortizedCost")).rows!.map((row) => row[0]);
    expect(actual).toEqual([720, 0]);
    expect(amortized).toEqual([24, 24]);
  });

  it("answers bad definitions with 400 naming the problem", async () => {
    await expect(
      client.query.usage(scope, { ...lastThirtyDays, dataset: { grouping: [{ type: "Dimension", name: "Flavour" }] } }),
    ).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining("Flavour") });
    await expect(client.query.usage(scope, { type: "ActualCost", timeframe: "Custom" } as QueryDefinition)).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining("timePeriod"),
    });
  });

  it("throttles past 12 query units in 10 s with Cost Management's retry-after headers; the client waits and succeeds", async () => {
    const raw = (body: QueryDefinition) =>
      fetch(`${service.url}/${scope}/providers/Microsoft.CostManagement/query?api-version=2024-08-01`, {
        method: "POST",
        headers: { authorization: "Bearer test-token", "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const statuses = [];
    for (let index = 0; index < 13; index++) statuses.push((await raw(lastThirtyDays)).status);
    expect(statuses.slice(0, 12).every((status) => status === 200)).toBe(true);
    const throttled = await raw(lastThirtyDays);
    expect(throttled.status).toBe(429);
    for (const header of ["retry-after", "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "x-ms-ratelimit-microsoft.costmanagement-entity-retry-after", "x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after"]) {
      expect(Number(throttled.headers.get(header))).toBeGreaterThan(0);
    }

    context.onReset.forEach((reset) => reset());
    context.faults.add("cost", { kind: "throttle", retryAfterSeconds: 1, count: 1 });
    const result = await client.query.usage(scope, lastThirtyDays);
    expect(result.rows!.length).toBeGreaterThan(0);
    expect(context.counters.snapshot().cost).toMatchObject({ "fault 429": 1, "POST /subscriptions/:sub/providers/Microsoft.CostManagement/query": expect.any(Number) });
  }, 40_000);
});
