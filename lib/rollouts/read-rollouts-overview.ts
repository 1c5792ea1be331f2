import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { Cached } from "@/lib/sources/read-cache";
import { settleUpstream, UpstreamError } from "@/lib/sources/upstream-error";
import type { EndpointWithDeployments } from "@/lib/sources/azure-ml";
import { toRolloutView } from "./rollout-view";
import { readLiveEndpointStats } from "./telemetry/read-live-endpoint-stats";
import type { TelemetryReads } from "./telemetry/read-arm-stats";

/**
 * The rollouts page: the workspace's endpoints and deployments (ARM, cached), rollouts in progress,
 * drafted and recent, approved promotions an engineer may draft (or a lead start) a rollout of, with
 * their open drafts, and each endpoint's live stats for the page's pollers to start from.
 */
export async function readRolloutsOverview(
  ctx: RequestContext,
  deps: { prisma: PrismaClient; readFleet: () => Promise<Cached<EndpointWithDeployments[]>>; telemetryReads: () => TelemetryReads },
) {
  requirePermission(ctx, "rollouts:read");
  const [fleet, rollouts, approved] = await Promise.all([
    deps.readFleet().then(
      (cached) => ({ cached, problem: null as string | null }),
      (error: unknown) => {
        if (error instanceof UpstreamError || (error instanceof Error && error.name === "AzureMlNotConfiguredError")) return { cached: null, problem: error.message };
        throw error;
      },
    ),
    deps.prisma.rollout.findMany({ orderBy: { createdAt: "desc" }, take: 50 }),
    deps.prisma.promotionRequest.findMany({
      where: { status: "approved", rollouts: { none: { status: { in: ["running", "paused", "completed"] } } } },
      include: { rollouts: { where: { status: "draft" }, orderBy: { createdAt: "asc" } } },
      orderBy: { decidedAt: "desc" },
      take: 20,
    }),
  ]);
  const endpoints = fleet.cached?.value ?? [];
  const live = await Promise.all(endpoints.map(({ endpoint }) => settleUpstream(() => readLiveEndpointStats(ctx, { endpoint: endpoint.name }, deps.telemetryReads))));
  return {
    endpoints: endpoints.map((entry, index) => ({ ...entry, live: live[index]! })),
    fleetAsOf: fleet.cached?.asOf.toISOString() ?? null,
    fleetStaleBecause: fleet.cached?.staleBecause ?? null,
    fleetProblem: fleet.problem,
    active: rollouts.filter((rollout) => rollout.status === "running" || rollout.status === "paused").map(toRolloutView),
    drafts: rollouts.filter((rollout) => rollout.status === "draft").map(toRolloutView),
    recent: rollouts.filter((rollout) => !["running", "paused", "draft"].includes(rollout.status)).map(toRolloutView),
    readyToRoll: ctx.permissions.has("rollouts:draft")
      ? approved.map((request) => ({
          id: request.id,
          model: request.modelName,
          version: request.modelVersion,
          decidedAt: request.decidedAt?.toISOString() ?? null,
          drafts: request.rollouts.map((draft) => ({ id: draft.id, endpoint: draft.endpoint, by: draft.createdByName, at: draft.createdAt.toISOString() })),
        }))
      : [],
    canStart: ctx.permissions.has("rollouts:operate"),
  };
}
