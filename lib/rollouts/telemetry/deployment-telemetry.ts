// Rollout telemetry as plain data: the summarized rows of deployment-stats.kql.ts turned into
// per-deployment figures, and those of the baseline and the candidate into the canary judge's
// ArmStats. Pure, so the step view, the status route and the automatic evaluator read the same
// numbers the same way.
import { z } from "zod";
import type { ArmStats } from "@/lib/domain/canary-judge";
import type { deploymentKpiRow, deploymentSeriesRow, deploymentStatsRow } from "./deployment-stats.kql";

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

export interface DeploymentTelemetry {
  deployment: string;
  live: TrafficStats;
  /** Shadow copies (mirror traffic) the deployment answered; their answers were discarded. */
  mirrored: TrafficStats;
}

export interface DeploymentKpi {
  deployment: string;
  /** Customers offered retention (top three deciles of the deployment's scores). */
  offers: number;
  /** Of those, how many churned: the KPI's successes. */
  offersToChurners: number;
  /** All outcomes of the deployment's predictions in the window. */
  outcomes: number;
}

export interface DeploymentSeriesPoint {
  /** ISO start of the bin. */
  at: string;
  requests: number;
  errorRate: number | null;
  p95Ms: number | null;
}

export interface DeploymentSeries {
  deployment: string;
  traffic: TrafficKind;
  points: DeploymentSeriesPoint[];
}

const NO_TRAFFIC: TrafficStats = { requests: 0, failures: 0, errorRate: null, p95Ms: null, sampledRows: 0 };

function trafficStats(row: Pick<z.infer<typeof deploymentStatsRow>, "Requests" | "Failures" | "P95Ms" | "SampledRows">): TrafficStats {
  return {
    requests: row.Requests,
    failures: row.Failures,
    errorRate: row.Requests > 0 ? row.Failures / row.Requests : null,
    p95Ms: row.Requests > 0 ? row.P95Ms : null,
    sampledRows: row.SampledRows,
  };
}

/** One entry per deployment seen, in name order; a traffic kind without rows reads as no traffic. */
export function deploymentsFromRows(rows: readonly z.infer<typeof deploymentStatsRow>[]): DeploymentTelemetry[] {
  const deployments = new Map<string, DeploymentTelemetry>();
  for (const row of rows) {
    const deployment = deployments.get(row.Deployment) ?? { deployment: row.Deployment, live: NO_TRAFFIC, mirrored: NO_TRAFFIC };
    deployment[row.Traffic] = trafficStats(row);
    deployments.set(row.Deployment, deployment);
  }
  return [...deployments.values()].sort((a, b) => a.deployment.localeCompare(b.deployment));
}

export function kpisFromRows(rows: readonly z.infer<typeof deploymentKpiRow>[]): DeploymentKpi[] {
  return rows
    .map((row) => ({ deployment: row.Deployment, offers: row.Offers, offersToChurners: row.OffersToChurners, outcomes: row.Outcomes }))
    .sort((a, b) => a.deployment.localeCompare(b.deployment));
}

/** One series per deployment and traffic kind, points in time order. */
export function seriesFromRows(rows: readonly z.infer<typeof deploymentSeriesRow>[]): DeploymentSeries[] {
  const series = new Map<string, DeploymentSeries>();
  for (const row of [...rows].sort((a, b) => a.BinStart.getTime() - b.BinStart.getTime())) {
    const key = `${row.Deployment}\u0000${row.Traffic}`;
    const entry = series.get(key) ?? { deployment: row.Deployment, traffic: row.Traffic, points: [] };
    const stats = trafficStats(row);
    entry.points.push({ at: row.BinStart.toISOString(), requests: stats.requests, errorRate: stats.errorRate, p95Ms: stats.p95Ms });
    series.set(key, entry);
  }
  return [...series.values()].sort((a, b) => a.deployment.localeCompare(b.deployment) || a.traffic.localeCompare(b.traffic));
}

function judgedStats(traffic: TrafficStats, kpi: DeploymentKpi | undefined): ArmStats {
  return {
    requests: traffic.requests,
    failures: traffic.failures,
    p95Ms: traffic.p95Ms,
    latencySamples: traffic.sampledRows,
    kpi: kpi && kpi.offers > 0 ? { successes: kpi.offersToChurners, trials: kpi.offers } : null,
  };
}

/**
 * What the judge compares: the baseline's and the candidate's stats (the judge's two "arms"). A
 * canary step compares live requests of both deployments; a shadow step compares the candidate's
 * mirrored copies with the baseline's live requests, and has no candidate KPI (a mirrored answer
 * reaches no customer, so it has no outcome).
 */
export function baselineAndCandidate(input: {
  deployments: readonly DeploymentTelemetry[];
  kpis: readonly DeploymentKpi[] | null;
  baseline: string;
  candidate: string;
  candidateTraffic: TrafficKind;
}): { baseline: ArmStats; candidate: ArmStats } {
  const telemetry = (name: string) => input.deployments.find((entry) => entry.deployment === name);
  const kpi = (name: string) => input.kpis?.find((entry) => entry.deployment === name);
  return {
    baseline: judgedStats(telemetry(input.baseline)?.live ?? NO_TRAFFIC, kpi(input.baseline)),
    candidate: judgedStats(telemetry(input.candidate)?.[input.candidateTraffic] ?? NO_TRAFFIC, input.candidateTraffic === "live" ? kpi(input.candidate) : undefined),
  };
}
