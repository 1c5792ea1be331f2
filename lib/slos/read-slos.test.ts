import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type { PrismaClient } from "@/lib/db/generated/client";
import { DEFAULT_SLOS } from "@/lib/domain/slo/definitions";
import { contextWithRoles } from "@/lib/experiments/testing/viewer-context";
import { RoundTrips } from "@/lib/services/testing/round-trips";
import { testServices } from "@/lib/services/testing/test-services";
import { LogAnalyticsError, type LogAnalyticsClient, type LogsQuery } from "@/lib/sources/log-analytics/log-analytics-client";
import { MlflowError } from "@/lib/sources/mlflow/mlflow-client";
import { experimentSchema, runSchema } from "@/lib/sources/mlflow/mlflow-schemas";
import { ReadCache } from "@/lib/sources/read-cache";
import { MemoryReadHints } from "@/lib/sources/read-hints";
import { experimentIdHintKey } from "./read-training-runs";
import { readSlos } from "./read-slos";
import { COUNTED_SPANS, type CountedSpan } from "./slo.kql";

const NOW = new Date("2026-11-20T12:00:03Z");
const END = Date.parse("2026-11-20T12:00:00Z"); // rounded to the 5-minute refresh
const HOUR = 3_600_000;

/** Never saved: every SLO is the blueprint's default. */
const db = { settingsVersion: { findMany: async () => [] } } as unknown as PrismaClient;

/** A windows row from [seen, total, bad] per span (seen defaults to total). */
function windowsRow(counts: Partial<Record<CountedSpan, [number, number] | [number, number, number]>>) {
  return Object.fromEntries(
    COUNTED_SPANS.flatMap((span) => {
      const [total, bad, seen] = counts[span] ?? [0, 0];
      return [
        [`Seen${span}`, seen ?? total],
        [`Total${span}`, total],
        [`Good${span}`, total - bad],
      ];
    }),
  );
}

// churn-endpoint's incident (the burn-rate-alerts test's: 1 h at 20.3×, 5 min at 18×) over a quiet month.
const INCIDENT = windowsRow({ "5m": [1000, 18], "30m": [5000, 95], "1h": [10_000, 203], "2h": [20_000, 214], "6h": [60_000, 263], "1d": [240_000, 323], "3d": [720_000, 563], Period: [7_200_000, 1000] });

/** Log Analytics answering by query name and the endpoint or model the text names; fraud-endpoint's telemetry is absent. */
function fakeLogs(log: { name: string; text: string }[], failing = false): LogAnalyticsClient {
  return {
    async query<Schema extends z.ZodType>(query: LogsQuery<Schema>): Promise<z.infer<Schema>[]> {
      log.push({ name: query.name, text: query.text });
      if (failing) throw new LogAnalyticsError(`Log Analytics refused "${query.name}" with 503 ServiceUnavailableError.`, 503, "ServiceUnavailableError", true);
      const churn = query.text.includes('"churn-endpoint"') || query.text.includes('churn_xgb');
      const rows: Record<string, unknown>[] = query.name.endsWith("Windows")
        ? [churn ? INCIDENT : windowsRow({})]
        : churn
          ? [{ CellStart: new Date(END - 2 * HOUR), Seen: 1000, Total: 1000, Good: 990 }]
          : [];
      return rows.map((row) => query.row.parse(row));
    },
  } as unknown as LogAnalyticsClient;
}

const EXPERIMENTS = { "/Shared/churn/xgb-training": "7", "/Shared/fraud/lgbm-training": "8" } as Record<string, string>;
const run = (id: string, status: string, startedHoursAgo: number, tookHours: number | null) =>
  runSchema.parse({ info: { run_id: id, experiment_id: "7", status, start_time: END - startedHoursAgo * HOUR, end_time: tookHours === null ? undefined : END - startedHoursAgo * HOUR + tookHours * HOUR } });

function fakeMlflow(calls: { method: string; args: unknown[] }[], options: { failing?: boolean } = {}) {
  return {
    async searchExperiments(page: { filter?: string }) {
      calls.push({ method: "searchExperiments", args: [page] });
      if (options.failing) throw new MlflowError("MLflow could not be reached (ECONNREFUSED) for POST /experiments/search.", undefined, "UNREACHABLE", true);
      const name = /name = '(.*)'/.exec(page.filter ?? "")?.[1] ?? "";
      return { experiments: EXPERIMENTS[name] ? [experimentSchema.parse({ experiment_id: EXPERIMENTS[name], name })] : [], next_page_token: undefined };
    },
    async searchRuns(experimentIds: string[], page: unknown) {
      calls.push({ method: "searchRuns", args: [experimentIds, page] });
      if (options.failing) throw new MlflowError("MLflow could not be reached (ECONNREFUSED) for POST /runs/search.", undefined, "UNREACHABLE", true);
      // churn_xgb: one run in time, one slow, one hung; fraud_lgbm: none.
      return { runs: experimentIds[0] === "7" ? [run("fast", "FINISHED", 30, 1), run("slow", "FINISHED", 50, 3), run("hung", "RUNNING", 4, null)] : [], next_page_token: undefined };
    },
  };
}

function sloServices(trips: RoundTrips, options: { hints?: MemoryReadHints; logsFailing?: boolean; mlflowFailing?: boolean } = {}) {
  const sent: { name: string; text: string }[] = [];
  const mlflowCalls: { method: string; args: unknown[] }[] = [];
  const services = testServices({ db, now: () => NOW, hints: options.hints });
  const logs = fakeLogs(sent, options.logsFailing);
  const mlflow = fakeMlflow(mlflowCalls, { failing: options.mlflowFailing });
  services.logAnalytics = { client: () => trips.wrap(logs, "logs"), cache: new ReadCache({ freshMs: 15_000, maxEntries: 100, now: () => NOW.getTime() }) };
  services.mlflow = { client: () => trips.wrap(mlflow, "mlflow") as never, cache: new ReadCache({ freshMs: 15_000, maxEntries: 100, now: () => NOW.getTime() }) };
  return { services, sent, mlflowCalls };
}

const hinted = () => {
  const hints = new MemoryReadHints();
  for (const [name, id] of Object.entries(EXPERIMENTS)) hints.values.set(experimentIdHintKey(name), id);
  return hints;
};

describe("readSlos", () => {
  it("starts every upstream read at once (one round trip) when the experiments' ids are known", async () => {
    const trips = new RoundTrips();
    const { services, sent, mlflowCalls } = sloServices(trips, { hints: hinted() });
    const { value, depth } = await trips.run(() => readSlos(contextWithRoles(), {}, services));
    expect(depth).toBe(1);
    // Two queries per telemetry SLO (6), one name lookup and one runs search per training-time SLO (2).
    expect(trips.waves[0]!.filter((call) => call === "logs.query")).toHaveLength(12);
    expect(sent.map((query) => query.name).sort()).toEqual(
      ["sloAvailabilitySeries", "sloAvailabilityWindows", "sloFreshnessSeries", "sloFreshnessWindows", "sloLatencySeries", "sloLatencyWindows"].flatMap((name) => [name, name]),
    );
    expect(mlflowCalls.map((call) => call.method).sort()).toEqual(["searchExperiments", "searchExperiments", "searchRuns", "searchRuns"]);
    expect(value.slos.map((slo) => slo.definition.id)).toEqual(DEFAULT_SLOS.map((slo) => slo.id));
    expect(value.range).toMatchObject({ from: "2026-10-21T12:00:00.000Z", to: "2026-11-20T12:00:00.000Z", live: true, label: "Last 30 days" });
  });

  it("looks the experiment's id up first without a hint (two round trips), and remembers it for the next read", async () => {
    const trips = new RoundTrips();
    const hints = new MemoryReadHints();
    const { services } = sloServices(trips, { hints });
    const { depth } = await trips.run(() => readSlos(contextWithRoles(), {}, services));
    expect(depth).toBe(2);
    expect(trips.waves[1]).toEqual(["mlflow.searchRuns", "mlflow.searchRuns"]);
    expect(hints.values.get(experimentIdHintKey("/Shared/churn/xgb-training"))).toBe("7");
  });

  it("sends the period's bounds as datetimes rounded to the refresh, live traffic only, and pushes the runs' start time down to MLflow", async () => {
    const trips = new RoundTrips();
    const { services, sent, mlflowCalls } = sloServices(trips, { hints: hinted() });
    await trips.run(() => readSlos(contextWithRoles(), {}, services));
    const latency = sent.find((query) => query.name === "sloLatencyWindows" && query.text.includes('"churn-endpoint"'))!.text;
    expect(latency).toContain("let periodStart = datetime(2026-10-21T12:00:00.000Z);");
    expect(latency).toContain("let since5m = datetime(2026-11-20T11:55:00.000Z);");
    expect(latency).toContain("let since3d = datetime(2026-11-17T12:00:00.000Z);");
    expect(latency).toContain("let thresholdMs = real(120);");
    expect(latency).toContain('tostring(Properties.mirrored) != "true"');
    expect(latency).not.toContain("ago(");
    const runsSearch = mlflowCalls.find((call) => call.method === "searchRuns" && (call.args[0] as string[])[0] === "7")!;
    expect(runsSearch.args[1]).toMatchObject({ filter: `attributes.start_time >= ${END - 30 * 24 * HOUR} AND attributes.start_time < ${END}`, viewType: "ACTIVE_ONLY" });
  });

  it("fires the page alert for an incident, and says absent for an endpoint whose telemetry stopped", async () => {
    const trips = new RoundTrips();
    const { services } = sloServices(trips, { hints: hinted() });
    const { value } = await trips.run(() => readSlos(contextWithRoles(), {}, services));
    const churn = value.slos.find((slo) => slo.definition.id === "churn-endpoint-availability")!;
    expect(churn.sentence).toBe("99.9 % of churn-endpoint's live requests succeed over 30 days");
    expect(churn.summary.problem).toBeNull();
    expect(churn.summary.asOf).toBe(NOW.toISOString());
    expect(churn.summary.value?.alertState.severity).toBe("page");
    expect(churn.summary.value?.sli.now).toEqual({ state: "measured", good: 9797, total: 10_000, ratio: 0.9797 });
    // 7 200 000 requests at 99.9 % allow 7200 failures; 1000 spent leaves 6200.
    expect(churn.summary.value?.remaining?.events).toBeCloseTo(6200, 6);
    // 720 hourly cells, the last from 11:00; the one with rows (10:00) burns 10 / 1000 / 0.001 = 10×.
    expect(churn.charts.value?.burnRate).toHaveLength(720);
    expect(churn.charts.value?.burnRate.at(-2)).toEqual({ start: "2026-11-20T10:00:00.000Z", burnRate: expect.closeTo(10, 9) });
    expect(churn.charts.value?.burnRate.at(-1)?.burnRate).toBeNull();

    const fraud = value.slos.find((slo) => slo.definition.id === "fraud-endpoint-latency")!;
    expect(fraud.summary.value?.sli.period.state).toBe("absent");
    expect(fraud.summary.value?.errorBudget).toBeNull();
    expect(fraud.summary.value?.alertState.rows.every((row) => row.state === "absent")).toBe(true);
    expect(fraud.charts.value).toMatchObject({ burnDown: [], burnRate: [] });
  });

  it("judges training time on MLflow's runs: finished within 2 h is good, a slow or hung one bad", async () => {
    const trips = new RoundTrips();
    const { services } = sloServices(trips, { hints: hinted() });
    const { value } = await trips.run(() => readSlos(contextWithRoles(), {}, services));
    const churn = value.slos.find((slo) => slo.definition.id === "churn-xgb-training-time")!;
    expect(churn.kql).toBeNull();
    expect(churn.unit).toBe("runs");
    expect(churn.summary.value?.sli.period).toEqual({ state: "measured", good: 1, total: 3, ratio: 1 / 3 });
    const fraud = value.slos.find((slo) => slo.definition.id === "fraud-lgbm-training-time")!;
    expect(fraud.summary.value?.sli.period.state).toBe("no-valid-events");
  });

  it("gives each panel its upstream's problem instead of failing the page", async () => {
    const trips = new RoundTrips();
    const { services } = sloServices(trips, { hints: hinted(), logsFailing: true, mlflowFailing: true });
    const { value } = await trips.run(() => readSlos(contextWithRoles(), {}, services));
    for (const slo of value.slos) {
      expect(slo.summary).toMatchObject({ value: null, asOf: null });
      expect(slo.charts.problem?.upstream).toBe(slo.definition.kind === "training-time" ? "MLflow" : "Log Analytics");
    }
  });

  it("names an experiment MLflow does not have as the training-time panel's problem", async () => {
    const trips = new RoundTrips();
    const { services } = sloServices(trips);
    delete EXPERIMENTS["/Shared/fraud/lgbm-training"];
    try {
      const { value } = await trips.run(() => readSlos(contextWithRoles(), {}, services));
      const fraud = value.slos.find((slo) => slo.definition.id === "fraud-lgbm-training-time")!;
      expect(fraud.summary.problem?.message).toBe("MLflow has no active experiment named /Shared/fraud/lgbm-training: correct the SLO's experiment to the one its training pipeline logs runs to.");
    } finally {
      EXPERIMENTS["/Shared/fraud/lgbm-training"] = "8";
    }
  });

  it("sends one query per key however many readers ask within a refresh", async () => {
    const trips = new RoundTrips();
    const { services, sent } = sloServices(trips, { hints: hinted() });
    await trips.run(() => Promise.all(Array.from({ length: 50 }, () => readSlos(contextWithRoles(), {}, services))));
    expect(sent).toHaveLength(12);
  });

  it("reads an SLO as an Admin last saved it", async () => {
    const trips = new RoundTrips();
    const { services, sent } = sloServices(trips, { hints: hinted() });
    const latency = DEFAULT_SLOS.find((slo) => slo.id === "churn-endpoint-latency")!;
    const saved = { kind: "slo_definitions", name: latency.id, version: 2, content: { ...latency, thresholdMs: 150, target: 0.9 }, createdById: "a", createdByName: "Ada Admin", changeNote: "cache moved", createdAt: new Date("2026-11-19T09:00:00Z") };
    services.db = { settingsVersion: { findMany: async () => [saved] } } as unknown as PrismaClient;
    const { value } = await trips.run(() => readSlos(contextWithRoles(), {}, services));
    const slo = value.slos.find((entry) => entry.definition.id === latency.id)!;
    expect(slo).toMatchObject({ version: 2, sentence: "90 % of churn-endpoint's live requests answer within 150 ms over 30 days" });
    expect(sent.find((query) => query.name === "sloLatencyWindows" && query.text.includes('"churn-endpoint"'))!.text).toContain("let thresholdMs = real(150);");
    expect(value.slos.find((entry) => entry.definition.id === "fraud-endpoint-latency")).toMatchObject({ version: 0 });
  });

  it("refuses a reader without monitoring:read, and a range it cannot read", async () => {
    const trips = new RoundTrips();
    const { services } = sloServices(trips);
    await expect(readSlos(contextWithRoles(["Stagegate.FinOps"]), {}, services)).rejects.toMatchObject({ status: 403 });
    await expect(readSlos(contextWithRoles(["Stagegate.Admin"]), {}, services)).rejects.toMatchObject({ status: 403 });
    await expect(readSlos(contextWithRoles(), { from: "now-7x" }, services)).rejects.toMatchObject({ status: 400, message: expect.stringContaining("now-7d") });
  });
});
