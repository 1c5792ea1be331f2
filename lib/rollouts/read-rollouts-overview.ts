import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { settleUpstream } from "@/lib/errors/upstream-problem";
import type { Services } from "@/lib/services/services";
import { cachedEndpoints, readEndpointFleet } from "@/lib/sources/azure-ml/endpoint-fleet";
import { toRolloutView } from "./rollout-view";
import { readLiveEndpointStats } from "./telemetry/read-live-endpoint-stats";

/**
 * The rollouts page: the workspace's endpoints and deployments (ARM, cached; when ARM is not
 * configured or not answering, the problem instead), rollouts in progress, drafted and recent,
 * approved promotions an engineer may draft (or a lead start) a rollout of, with their open
 * drafts, and each endpoint's live stats for the page's pollers to start from.
 */
export async function readRolloutsOverview(ctx: RequestContext, _input: Record<string, never>, services: Pick<Services, "db" | "azureMl" | "logAnalytics" | "now">) {
  requirePermission(ctx, "rollouts:read");
  // Live stats need only the endpoints' names: they are read as soon as ARM lists the endpoints,
  // beside their deployments (the same cached list), not after the whole fleet.
  const liveStats = settleUpstream(() => cachedEndpoints(services.azureMl)).then((listed) =>
    Promise.all((listed.value?.value ?? []).map((endpoint) => settleUpstream(() => readLiveEndpointStats(ctx, { endpoint: endpoint.name }, services)).then((live) => [endpoint.name, live] as const))),
  );
  const [fleet, rollouts, approved, liveByName] = await Promise.all([
    settleUpstream(() => readEndpointFleet(services.azureMl)),
    services.db.rollout.findMany({ orderBy: { createdAt: "desc" }, take: 50 }),
    services.db.promotionRequest.findMany({
      where: { status: "approved", rollouts: { none: { status: { in: ["running", "paused", "completed"] } } } },
      include: { rollouts: { where: { status: "draft" }, orderBy: { createdAt: "asc" } } },
      orderBy: { decidedAt: "desc" },
      take: 20,
    }),
    liveStats.then((entries) => new Map(entries)),
  ]);
  const endpoints = fleet.value?.value ?? [];
  const liveOf = async (name: string) => liveByName.get(name) ?? (await settleUpstream(() => readLiveEndpointStats(ctx, { endpoint: name }, services)));
  const live = await Promise.all(endpoints.map(({ endpoint }) => liveOf(endpoint.name)));
  return {
    endpoints: endpoints.map((entry, index) => ({ ...entry, live: { value: live[index]!.value, problem: live[index]!.problem?.message ?? null } })),
    fleetAsOf: fleet.value?.asOf.toISOString() ?? null,
    fleetStaleBecause: fleet.value?.staleBecause ?? null,
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
