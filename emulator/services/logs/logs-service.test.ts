// Contract tests of the Logs query API, driven through the official client (@azure/monitor-query-logs)
// as Stagegate uses it, plus the wire details the client hides (GET form, empty POST, 429 body).
import { LogsQueryClient, LogsQueryResultStatus, type LogsTable } from "@azure/monitor-query-logs";
import type { TokenCredential } from "@azure/core-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorContext } from "../../context";
import type { RunningService } from "../../http/service-host";
import { createTelemetry } from "../../scenario/telemetry/telemetry";
import { startTestService, stopServices, testContext } from "../../testing/test-context";
import { createLogsService } from "./logs-service";

const credential = (token: string): TokenCredential => ({
  getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
});

async function startLogs(seed?: string): Promise<{ context: EmulatorContext; service: RunningService }> {
  const context = testContext({ seed });
  const service = await startTestService(context, "logs", createLogsService(context, createTelemetry(context)));
  return { context, service };
}

const clientFor = (context: EmulatorContext, token = "test-token") =>
  new LogsQueryClient(credential(token), { endpoint: `${context.urls.logs}/v1`, retryOptions: { maxRetries: 0 } });

function successTable(result: Awaited<ReturnType<LogsQueryClient["queryWorkspace"]>>): LogsTable {
  if (result.status !== LogsQueryResultStatus.Success) throw new Error(`expected success, got ${result.status}`);
  return result.tables[0]!;
}

async function rejection(promise: Promise<unknown>): Promise<{ statusCode?: number; code?: string; details?: unknown; response?: { headers: { get(name: string): string | undefined } } }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error("expected the call to fail");
}

describe("Logs query API", () => {
  let context: EmulatorContext;
  let service: RunningService;
  let workspace: string;
  beforeAll(async () => {
    ({ context, service } = await startLogs());
    workspace = context.identity.logAnalyticsWorkspaceId;
  });
  afterAll(() => stopServices([service]));

  it("answers typed results: Date for datetime, numbers, booleans, parsed dynamic", async () => {
    const table = successTable(
      await clientFor(context).queryWorkspace(workspace, "AppRequests | where TimeGenerated > ago(1h) | project TimeGenerated, Properties, DurationMs, Success, ItemCount, ResultCode, Age = now() - TimeGenerated | take 3", {
        duration: "PT2H",
      }),
    );
    expect(table.name).toBe("PrimaryResult");
    expect(table.columnDescriptors.map((column) => `${column.name}:${column.type}`)).toEqual([
      "TimeGenerated:datetime",
      "Properties:dynamic",
      "DurationMs:real",
      "Success:bool",
      "ItemCount:int",
      "ResultCode:string",
      "Age:timespan",
    ]);
    expect(table.rows).toHaveLength(3);
    const [time, properties, duration, success, itemCount, resultCode, age] = table.rows[0]!;
    expect(time).toBeInstanceOf(Date);
    expect((time as Date).getTime()).toBeGreaterThan(context.clock.now().getTime() - 3_600_000);
    expect(properties).toMatchObject({ model_name: expect.any(String), deployment: expect.any(String), cost_tokens: expect.any(Number) });
    expect(typeof duration).toBe("number");
    expect(typeof success).toBe("boolean");
    expect(itemCount as number).toBeGreaterThan(1);
    expect(resultCode).toMatch(/^\d{3}$/);
    expect(age).toMatch(/^00:\d{2}:\d{2}(\.\d{7})?$/);
  });

  it("applies the timespan on top of the query's filters, as a duration or an interval", async () => {
    const client = clientFor(context);
    const count = async (query: string, timespan: Parameters<LogsQueryClient["queryWorkspace"]>[2]) => successTable(await client.queryWorkspace(workspace, query, timespan)).rows[0]![0];
    const now = context.clock.now();
    const inQuery = await count("AppRequests | where TimeGenerated >= ago(1h) | count", { duration: "P30D" });
    expect(await count("AppRequests | count", { duration: "PT1H" })).toBe(inQuery);
    expect(await count("AppRequests | where TimeGenerated >= ago(6h) | count", { duration: "PT1H" })).toBe(inQuery);
    expect(await count("AppRequests | count", { startTime: new Date(now.getTime() - 3_600_000), endTime: now })).toBe(inQuery);
    expect(await count("AppRequests | count", { startTime: new Date(now.getTime() - 3_600_000), duration: "PT1H" })).toBe(inQuery);
  });

  it("summarizes with Kusto's column names and types", async () => {
    const table = successTable(
      await clientFor(context).queryWorkspace(
        workspace,
        "AppRequests | where TimeGenerated > ago(1d) | summarize count(), sum(ItemCount), percentile(DurationMs, 95) by tostring(Properties.deployment) | order by Properties_deployment asc",
        { duration: "P1D" },
      ),
    );
    expect(table.columnDescriptors.map((column) => `${column.name}:${column.type}`)).toEqual([
      "Properties_deployment:string",
      "count_:long",
      "sum_ItemCount:long",
      "percentile_DurationMs_95:real",
    ]);
    expect(table.rows.map((row) => row[0])).toEqual(["blue", "main"]);
  });

  it("refuses KQL outside the subset with 400 BadArgumentError naming what is unsupported", async () => {
    const unsupported = await rejection(clientFor(context).queryWorkspace(workspace, "AppRequests | mv-expand Properties", { duration: "PT1H" }));
    expect(unsupported.statusCode).toBe(400);
    expect(unsupported.code).toBe("BadArgumentError");
    expect(JSON.stringify(unsupported.details)).toMatch(/SemanticError.*mv-expand/);
    const syntax = await rejection(clientFor(context).queryWorkspace(workspace, "AppRequests | where (", { duration: "PT1H" }));
    expect(syntax.statusCode).toBe(400);
    expect(JSON.stringify(syntax.details)).toMatch(/SyntaxError/);
    const unknownColumn = await rejection(clientFor(context).queryWorkspace(workspace, "AppRequests | where Latency > 1", { duration: "PT1H" }));
    expect(JSON.stringify(unknownColumn.details)).toMatch(/SemanticError.*Latency/);
  });

  it("answers 403 for a token it refuses, 401 for a missing one, and 404 for another workspace", async () => {
    const refused = await rejection(clientFor(context, "forged-token").queryWorkspace(workspace, "AppRequests | take 1", { duration: "PT1H" }));
    expect(refused.statusCode).toBe(403);
    expect(refused.code).toBe("InvalidAuthenticationToken");
    const missing = await fetch(`${service.url}/v1/workspaces/${workspace}/query`, { method: "POST", body: JSON.stringify({ query: "AppRequests | take 1" }) });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: "AuthenticationFailed" } });
    const elsewhere = await rejection(clientFor(context).queryWorkspace("00000000-0000-0000-0000-000000000000", "AppRequests | take 1", { duration: "PT1H" }));
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.code).toBe("PathNotFoundError");
  });

  it("passes injected throttling on as 429 with Retry-After in the Logs error shape", async () => {
    context.faults.add("logs", { kind: "throttle", retryAfterSeconds: 7, count: 1 });
    const throttled = await rejection(clientFor(context).queryWorkspace(workspace, "AppRequests | take 1", { duration: "PT1H" }));
    expect(throttled.statusCode).toBe(429);
    expect(throttled.code).toBe("ThrottledError");
    expect(throttled.response?.headers.get("retry-after")).toBe("7");
  });

  it("serves the GET form, and a bodiless POST with 200 and no body", async () => {
    const headers = { authorization: "Bearer test-token" };
    const get = await fetch(`${service.url}/v1/workspaces/${workspace}/query?query=${encodeURIComponent("DeadLetter_CL | summarize max(Depth) by Queue | order by Queue asc")}&timespan=P1D`, { headers });
    expect(get.status).toBe(200);
    const body = (await get.json()) as { tables: { columns: unknown[]; rows: unknown[][] }[] };
    expect(body.tables[0]!.columns).toEqual([
      { name: "Queue", type: "string" },
      { name: "max_Depth", type: "long" },
    ]);
    expect(body.tables[0]!.rows.map((row) => row[0])).toEqual(["feature-refresh-events", "outcome-join", "scoring-requests"]);
    const empty = await fetch(`${service.url}/v1/workspaces/${workspace}/query`, { method: "POST", headers });
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe("");
  });

  it("runs batches, each query answered in its own shape", async () => {
    const results = await clientFor(context).queryBatch([
      { workspaceId: workspace, query: "FeatureFreshness_CL | summarize max(LagMinutes)", timespan: { duration: "PT1H" } },
      { workspaceId: workspace, query: "AppRequests | mv-expand Properties", timespan: { duration: "PT1H" } },
    ]);
    expect(results[0]).toMatchObject({ status: LogsQueryResultStatus.Success });
    // The client turns a failed item (its error body) into a partial failure without tables.
    expect(results[1]).toMatchObject({ status: LogsQueryResultStatus.PartialFailure, partialTables: [], partialError: { code: "BadArgumentError" } });
  });

  it("reports a query that would hold too many rows as a PartialError", async () => {
    const result = await clientFor(context).queryWorkspace(workspace, "AppRequests | order by DurationMs | project DurationMs", { duration: "P30D" });
    expect(result.status).toBe(LogsQueryResultStatus.PartialFailure);
    expect(result.status === LogsQueryResultStatus.PartialFailure && result.partialError).toMatchObject({ code: "PartialError" });
  });

  it("answers byte for byte the same for the same seed and frozen clock", async () => {
    const other = await startLogs();
    try {
      const query = async (url: string) => {
        const response = await fetch(`${url}/v1/workspaces/${workspace}/query`, {
          method: "POST",
          headers: { authorization: "Bearer test-token", "content-type": "application/json" },
          body: JSON.stringify({ query: "AppRequests | where TimeGenerated > ago(30m) | take 200", timespan: "PT1H" }),
        });
        return response.text();
      };
      const [first, second] = await Promise.all([query(service.url), query(other.service.url)]);
      expect(first.length).toBeGreaterThan(10_000);
      expect(second).toBe(first);
    } finally {
      await stopServices([other.service]);
    }
  });

  it("counts each distinct query and timespan apart, for benches that check a cache", async () => {
    context.counters.reset();
    const client = clientFor(context);
    await client.queryWorkspace(workspace, "AppRequests | count", { duration: "PT1H" });
    await client.queryWorkspace(workspace, "AppRequests | count", { duration: "PT1H" });
    await client.queryWorkspace(workspace, "AppRequests | count", { duration: "PT2H" });
    const counts = Object.values(context.counters.snapshot()["logs-queries"] ?? {}).sort();
    expect(counts).toEqual([1, 2]);
  });
});
