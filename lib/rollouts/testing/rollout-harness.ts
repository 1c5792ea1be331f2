// One approved churn_xgb v7 with everything a rollout test drives: ARM's churn-endpoint in memory,
// Log Analytics answering the candidate's numbers as the test sets them (through the real gate
// evaluation and its cache), MLflow's aliases, a movable clock, and the outbox worker running the
// rollout's jobs with the same services.
import { randomUUID } from "node:crypto";
import type { PrismaClient, Rollout } from "@/lib/db/generated/client";
import type { ArmStats } from "@/lib/domain/canary-judge";
import { approvedChurnV7, FakeMlflowRegistry } from "@/lib/promotions/testing/promotion-fixtures";
import type { Services } from "@/lib/services/services";
import { testServices } from "@/lib/services/testing/test-services";
import type { TempDatabase } from "@/testing/temp-database";
import { actOnRollout } from "../act-on-rollout";
import { APPLY_TRAFFIC_JOB, applyTrafficJob } from "../apply-traffic-job";
import { SET_CHAMPION_JOB, setChampionJob } from "../set-champion-job";
import { startRollout } from "../start-rollout";
import { fakeTelemetry } from "../telemetry/testing/fake-telemetry";
import { deploymentStatsRows, FakeEndpoint } from "./fake-endpoint";

const SILENT = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** No KPI outcomes yet, as in the first days of a real rollout: the KPI gate does not block. */
export const HEALTHY: ArmStats = { requests: 5000, p95Ms: 80, latencySamples: 250, failures: 5, kpi: null };
export const REGRESSED: ArmStats = { ...HEALTHY, p95Ms: 400, failures: 400 };
/** Past the Log Analytics cache's refresh interval: the next gate evaluation reads the changed telemetry. */
export const NEXT_REFRESH_MS = 15_000;

export async function rolloutHarness(temp: TempDatabase, candidate: ArmStats = HEALTHY) {
  const { prisma } = temp.database;
  const { lead, lead2, viewer, request } = await approvedChurnV7(prisma);
  const endpoint = new FakeEndpoint();
  let now = new Date();
  const clock = () => now;
  const telemetry = fakeTelemetry({ now: clock, rows: { deploymentStats: deploymentStatsRows(HEALTHY, candidate) } });
  const stats = {
    set candidate(next: ArmStats) {
      telemetry.rows.deploymentStats = deploymentStatsRows(HEALTHY, next);
    },
  };
  const mlflow = new FakeMlflowRegistry();
  mlflow.aliases.set("churn_xgb@champion", "6");
  const services: Services = { ...testServices({ db: prisma, azureMl: endpoint.client(), mlflow: () => mlflow.client(), now: clock, requestId: null }), logAnalytics: telemetry.logAnalytics };
  const worker = {
    database: temp.database,
    handlers: { [APPLY_TRAFFIC_JOB]: applyTrafficJob(services), [SET_CHAMPION_JOB]: setChampionJob(services) },
    logger: SILENT,
    // Jobs are stamped with the database's clock; the worker's never runs behind it.
    now: () => new Date(Math.max(now.getTime(), Date.now())),
  };
  const advanceClock = (ms: number) => (now = new Date(now.getTime() + ms));
  const start = (autoMode = false, services_: Services = services) =>
    startRollout(lead, { promotionRequestId: request.id, endpoint: "churn-endpoint", baselineDeployment: "blue", candidateDeployment: "green", templateName: "demo", autoMode, idempotencyKey: randomUUID() }, services_);
  const act = (ctx: typeof lead, rollout: Pick<Rollout, "id" | "revision">, action: string, reason?: string) =>
    actOnRollout(ctx, { rolloutId: rollout.id, action, expectedRevision: rollout.revision, reason, idempotencyKey: randomUUID() }, services);
  const reload = (id: string) => prisma.rollout.findUniqueOrThrow({ where: { id } });
  return { prisma, lead, lead2, viewer, request, endpoint, telemetry, stats, services, worker, mlflow, advanceClock, start, act, reload };
}

export type RolloutHarness = Awaited<ReturnType<typeof rolloutHarness>>;

/** The rollout's audit events of one action, oldest first. */
export function auditEvents(prisma: PrismaClient, action: string) {
  return prisma.auditEvent.findMany({ where: { action }, orderBy: { seq: "asc" } });
}
