// Stagegate's own Log Analytics client (lib/sources/log-analytics) against the emulated query API
// over HTTPS: the rollout summary arrives as typed rows, throttling is retried, and every failure
// becomes a LogAnalyticsError naming the upstream, with the time limit applied.
import type { TokenCredential } from "@azure/core-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploymentStatsQuery, deploymentStatsRow } from "../../../lib/rollouts/telemetry/deployment-stats.kql";
import { deploymentsFromRows } from "../../../lib/rollouts/telemetry/deployment-telemetry";
import { LogAnalyticsClient, LogAnalyticsError } from "../../../lib/sources/log-analytics/log-analytics-client";
import type { EmulatorContext } from "../../context";
import type { RunningService } from "../../http/service-host";
import { HOUR_MS } from "../../scenario/clock";
import { createTelemetry, type Telemetry } from "../../scenario/telemetry/telemetry";
import { runKql } from "../../kql/run-kql";
import { startTestService, stopServices, testContext } from "../../testing/test-context";
import { createLogsService } from "./logs-service";

const credential = (token: string): TokenCredential => ({ getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) });

describe("Stagegate's Log Analytics client on the emulated query API", () => {
  let context: EmulatorContext;
  let telemetry: Telemetry;
  let service: RunningService;
  const client = (options: { token?: string; workspaceId?: string; timeoutMs?: number } = {}) =>
    new LogAnalyticsClient({
      endpoint: context.urls.logs,
      workspaceId: options.workspaceId ?? context.identity.logAnalyticsWorkspaceId,
      credential: credential(options.token ?? "test-token"),
      timeoutMs: options.timeoutMs ?? 10_000,
    });
  const now = () => context.clock.now().getTime();
  const armStats = () => ({
    name: "armStats",
    text: deploymentStatsQuery({ endpoint: "churn-endpoint", from: new Date(now() - HOUR_MS), to: new Date(now()) }),
    timespan: { from: new Date(now() - HOUR_MS), to: new Date(now()) },
    row: deploymentStatsRow,
  });

  beforeAll(async () => {
    context = testContext();
    telemetry = createTelemetry(context);
    service = await startTestService(context, "logs", createLogsService(context, telemetry));
  });
  afterAll(() => stopServices([service]));

  it("returns the per-arm summary the engine computes, parsed into typed rows", async () => {
    const rows = await client().query(armStats());
    const local = runKql(armStats().text, { sources: telemetry.sources, nowMs: now() });
    expect(rows).toHaveLength(local.rows.length);
    const [blue] = deploymentsFromRows(rows);
    expect(blue).toMatchObject({ deployment: "blue", live: { requests: expect.any(Number), p95Ms: expect.any(Number) } });
    expect(blue!.live.requests).toBe(local.rows[0]![local.columns.findIndex((column) => column.name === "Requests")]);
  });

  it("retries a 429 after its Retry-After and succeeds", async () => {
    context.counters.reset();
    context.faults.add("logs", { kind: "throttle", retryAfterSeconds: 0, count: 1 });
    await expect(client().query(armStats())).resolves.toHaveLength(1);
    expect(context.counters.snapshot().logs).toMatchObject({ "fault 429": 1 });
  });

  it("names the upstream and the status when the service keeps failing, and marks it transient", async () => {
    context.faults.add("logs", { kind: "error", status: 503, count: 3 });
    const error = await client().query(armStats()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogAnalyticsError);
    expect(error).toMatchObject({ upstream: "Log Analytics", status: 503, transient: true });
    context.faults.clear();
  });

  it("reports refusals with the service's codes: unknown workspace, token for another API, a query outside the schema", async () => {
    await expect(client({ workspaceId: "00000000-0000-0000-0000-000000000000" }).query(armStats())).rejects.toMatchObject({ status: 404, code: "PathNotFoundError/WorkspaceNotFoundError", transient: false });
    await expect(client({ token: "a-token-for-arm" }).query(armStats())).rejects.toMatchObject({ status: 403, code: "InvalidAuthenticationToken" });
    await expect(client().query({ ...armStats(), text: "AppRequests | where NoSuchColumn > 1" })).rejects.toMatchObject({ status: 400, code: "BadArgumentError/SemanticError" });
  });

  it("stops waiting at its time limit", async () => {
    context.faults.add("logs", { kind: "hang", count: 1 });
    const started = performance.now();
    await expect(client({ timeoutMs: 300 }).query(armStats())).rejects.toMatchObject({ code: "DEADLINE_EXCEEDED", transient: true });
    expect(performance.now() - started).toBeLessThan(2000);
    context.faults.clear();
  });
});
