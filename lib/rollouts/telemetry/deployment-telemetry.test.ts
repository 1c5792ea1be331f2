import { describe, expect, it } from "vitest";
import { judgeStep } from "@/lib/domain/canary-judge";
import { azureMlNameSchema, baselineAndCandidate, deploymentsFromRows, kpisFromRows, seriesFromRows } from "./deployment-telemetry";

const statsRows = [
  { Deployment: "green", Traffic: "live" as const, Requests: 1200, Failures: 36, P95Ms: 140.5, SampledRows: 60 },
  { Deployment: "blue", Traffic: "live" as const, Requests: 10_800, Failures: 30, P95Ms: 82.25, SampledRows: 540 },
  { Deployment: "green", Traffic: "mirrored" as const, Requests: 2100, Failures: 6, P95Ms: 84, SampledRows: 105 },
];

describe("deployment telemetry", () => {
  it("groups the summarized rows per deployment, live and mirrored apart, with error rates", () => {
    expect(deploymentsFromRows(statsRows)).toEqual([
      { deployment: "blue", live: { requests: 10_800, failures: 30, errorRate: 30 / 10_800, p95Ms: 82.25, sampledRows: 540 }, mirrored: { requests: 0, failures: 0, errorRate: null, p95Ms: null, sampledRows: 0 } },
      { deployment: "green", live: { requests: 1200, failures: 36, errorRate: 0.03, p95Ms: 140.5, sampledRows: 60 }, mirrored: { requests: 2100, failures: 6, errorRate: 6 / 2100, p95Ms: 84, sampledRows: 105 } },
    ]);
    expect(deploymentsFromRows([])).toEqual([]);
  });

  it("feeds the canary judge: a regressed candidate fails latency and errors against the baseline", () => {
    const deployments = deploymentsFromRows(statsRows);
    const kpis = kpisFromRows([
      { Deployment: "blue", Offers: 900, OffersToChurners: 300, Outcomes: 3000 },
      { Deployment: "green", Offers: 300, OffersToChurners: 108, Outcomes: 1000 },
    ]);
    const { baseline, candidate } = baselineAndCandidate({ deployments, kpis, baseline: "blue", candidate: "green", candidateTraffic: "live" });
    expect(baseline).toEqual({ requests: 10_800, failures: 30, p95Ms: 82.25, latencySamples: 540, kpi: { successes: 300, trials: 900 } });
    expect(candidate).toEqual({ requests: 1200, failures: 36, p95Ms: 140.5, latencySamples: 60, kpi: { successes: 108, trials: 300 } });
    const verdict = judgeStep({ baseline, candidate, budgetRemaining: 0.8 });
    expect(verdict.verdict).toBe("fail");
    expect(verdict.gates.filter((gate) => gate.status === "fail").map((gate) => gate.gate)).toEqual(["latency", "errors"]);
  });

  it("judges a shadow step on the candidate's mirrored copies, without a candidate KPI", () => {
    const { candidate } = baselineAndCandidate({ deployments: deploymentsFromRows(statsRows), kpis: null, baseline: "blue", candidate: "green", candidateTraffic: "mirrored" });
    expect(candidate).toEqual({ requests: 2100, failures: 6, p95Ms: 84, latencySamples: 105, kpi: null });
    const gates = judgeStep({ baseline: baselineAndCandidate({ deployments: deploymentsFromRows(statsRows), kpis: null, baseline: "blue", candidate: "green", candidateTraffic: "mirrored" }).baseline, candidate, budgetRemaining: null }).gates;
    expect(gates.find((gate) => gate.gate === "kpi")?.status).toBe("insufficient-data");
  });

  it("reads a deployment without rows as no traffic, and one without offers as no KPI (insufficient data, not failure)", () => {
    const { baseline, candidate } = baselineAndCandidate({
      deployments: deploymentsFromRows(statsRows.slice(1, 2)),
      kpis: kpisFromRows([{ Deployment: "green", Offers: 0, OffersToChurners: 0, Outcomes: 4 }]),
      baseline: "blue",
      candidate: "green",
      candidateTraffic: "live",
    });
    expect(candidate).toEqual({ requests: 0, failures: 0, p95Ms: null, latencySamples: 0, kpi: null });
    expect(baseline.kpi).toBeNull();
    expect(judgeStep({ baseline, candidate, budgetRemaining: 1 }).verdict).toBe("insufficient-data");
  });

  it("orders series points by time, one series per deployment and traffic kind", () => {
    const bin = (minute: number) => new Date(Date.UTC(2026, 10, 20, 11, minute));
    const series = seriesFromRows([
      { BinStart: bin(1), Deployment: "blue", Traffic: "live", Requests: 700, Failures: 7, P95Ms: 80, SampledRows: 35, ErrorRate: 0.01 },
      { BinStart: bin(0), Deployment: "blue", Traffic: "live", Requests: 720, Failures: 0, P95Ms: 78, SampledRows: 36, ErrorRate: 0 },
      { BinStart: bin(0), Deployment: "green", Traffic: "live", Requests: 80, Failures: 0, P95Ms: 90, SampledRows: 40, ErrorRate: 0 },
    ]);
    expect(series).toEqual([
      {
        deployment: "blue",
        traffic: "live",
        points: [
          { at: "2026-11-20T11:00:00.000Z", requests: 720, errorRate: 0, p95Ms: 78 },
          { at: "2026-11-20T11:01:00.000Z", requests: 700, errorRate: 0.01, p95Ms: 80 },
        ],
      },
      { deployment: "green", traffic: "live", points: [{ at: "2026-11-20T11:00:00.000Z", requests: 80, errorRate: 0, p95Ms: 90 }] },
    ]);
  });

  it("accepts Azure ML endpoint names only", () => {
    expect(azureMlNameSchema.safeParse("churn-endpoint").success).toBe(true);
    for (const bad of ["ab", "1endpoint", 'churn"endpoint', "churn endpoint", "x".repeat(33)]) expect(azureMlNameSchema.safeParse(bad).success, bad).toBe(false);
  });
});
