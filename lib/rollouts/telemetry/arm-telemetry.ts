// Rollout telemetry as plain data: the summarized rows of arm-stats.kql.ts turned into per-arm
// figures, and those into the canary judge's ArmStats. Pure, so the step view, the status route
// and the automatic evaluator read the same numbers the same way.
import { z } from "zod";
import type { ArmStats } from "@/lib/domain/canary-judge";
import type { armKpiRow, armSeriesRow, armStatsRow } from "./arm-stats.kql";

/** Azure ML online endpoint and deployment names: a letter, then letters, digits and dashes, 3–32 long. */
export const azureMlNameSchema = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9-]{2,31}$/, "is not an Azure ML endpoint or deployment name");

export type TrafficKind = "live" | "mirrored";

export interface TrafficStats {
  /** sum(ItemCount). */
  requests: number;
  failures: number;
  /** failures / requests; null without requests. */
  errorRate: number | null;
  p95Ms: number | null;
  /** Telemetry rows behind p95Ms (each stands for ItemCount requests). */
  sampledRows: number;
}

export interface ArmTelemetry {
  deployment: string;
  live: TrafficStats;
  /** Shadow copies (mirror traffic) the deployment answered; their answers were discarded. */
  mirrored: TrafficStats;
}

export interface ArmKpi {
  deployment: string;
  /** Customers offered retention (top three deciles of the arm's scores). */
  offers: number;
  /** Of those, how many churned: the KPI's successes. */
  offersToChurners: number;
  /** All outcomes of the arm's predictions in the window. */
  outcomes: number;
}

export interface ArmSeriesPoint {
  /** ISO start of the bin. */
  at: string;
  requests: number;
  errorRate: number | null;
  p95Ms: number | null;
}

export interface ArmSeries {
  deployment: string;
  traffic: TrafficKind;
  points: ArmSeriesPoint[];
}

const NO_TRAFFIC: TrafficStats = { requests: 0, failures: 0, errorRate: null, p95Ms: null, sampledRows: 0 };

function trafficStats(row: Pick<z.infer<typeof armStatsRow>, "Requests" | "Failures" | "P95Ms" | "SampledRows">): TrafficStats {
  return {
    requests: row.Requests,
    failures: row.Failures,
    errorRate: row.Requests > 0 ? row.Failures / row.Requests : null,
    p95Ms: row.Requests > 0 ? row.P95Ms : null,
    sampledRows: row.SampledRows,
  };
}

/** One entry per deployment seen, in name order; a traffic kind without rows reads as no traffic. */
export function armsFromRows(rows: readonly z.infer<typeof armStatsRow>[]): ArmTelemetry[] {
  const arms = new Map<string, ArmTelemetry>();
  for (const row of rows) {
    const arm = arms.get(row.Deployment) ?? { deployment: row.Deployment, live: NO_TRAFFIC, mirrored: NO_TRAFFIC };
    arm[row.Traffic] = trafficStats(row);
    arms.set(row.Deployment, arm);
  }
  return [...arms.values()].sort((a, b) => a.deployment.localeCompare(b.deployment));
}

export function kpisFromRows(rows: readonly z.infer<typeof armKpiRow>[]): ArmKpi[] {
  return rows
    .map((row) => ({ deployment: row.Deployment, offers: row.Offers, offersToChurners: row.OffersToChurners, outcomes: row.Outcomes }))
    .sort((a, b) => a.deployment.localeCompare(b.deployment));
}

/** One series per deployment and traffic kind, points in time order. */
export function seriesFromRows(rows: readonly z.infer<typeof armSeriesRow>[]): ArmSeries[] {
  const series = new Map<string, ArmSeries>();
  for (const row of [...rows].sort((a, b) => a.BinStart.getTime() - b.BinStart.getTime())) {
    const key = `${row.Deployment}\u0000${row.Traffic}`;
    const entry = series.get(key) ?? { deployment: row.Deployment, traffic: row.Traffic, points: [] };
    const stats = trafficStats(row);
    entry.points.push({ at: row.BinStart.toISOString(), requests: stats.requests, errorRate: stats.errorRate, p95Ms: stats.p95Ms });
    series.set(key, entry);
  }
  return [...series.values()].sort((a, b) => a.deployment.localeCompare(b.deployment) || a.traffic.localeCompare(b.traffic));
}

function armStats(traffic: TrafficStats, kpi: ArmKpi | undefined): ArmStats {
  return {
    requests: traffic.requests,
    failures: traffic.failures,
    p95Ms: traffic.p95Ms,
    latencySamples: traffic.sampledRows,
    kpi: kpi && kpi.offers > 0 ? { successes: kpi.offersToChurners, trials: kpi.offers } : null,
  };
}

/**
 * The judge's two arms. A canary step compares live requests of both deployments; a shadow step
 * compares the candidate's mirrored copies with the baseline's live requests, and has no candidate
 * KPI (a mirrored answer reaches no customer, so it has no outcome).
 */
export function judgeArms(input: {
  arms: readonly ArmTelemetry[];
  kpis: readonly ArmKpi[] | null;
  baseline: string;
  candidate: string;
  candidateTraffic: TrafficKind;
}): { baseline: ArmStats; candidate: ArmStats } {
  const arm = (name: string) => input.arms.find((candidate) => candidate.deployment === name);
  const kpi = (name: string) => input.kpis?.find((candidate) => candidate.deployment === name);
  const candidate = arm(input.candidate);
  return {
    baseline: armStats(arm(input.baseline)?.live ?? NO_TRAFFIC, kpi(input.baseline)),
    candidate: armStats(candidate?.[input.candidateTraffic] ?? NO_TRAFFIC, input.candidateTraffic === "live" ? kpi(input.candidate) : undefined),
  };
}
