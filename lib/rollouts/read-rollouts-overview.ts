import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { settleUpstream } from "@/lib/errors/upstream-problem";
import type { Services } from "@/lib/services/services";
import { cachedEndpoints, hintedEndpointNames, readEndpointFleet } from "@/lib/sources/azure-ml/endpoint-fleet";
import { toRolloutView } from "./rollout-view";
import { readLiveEndpointStats } from "./telemetry/read-live-endpoint-stats";

/**
 * The rollouts page: the workspace's endpoints and deployments (ARM, cached; when ARM is not
 * configured or not answering, the problem instead), rollouts in progress, drafted and recent,
 * approved promotions an engineer may draft (or a lead start) a rollout of, with their open
 * drafts, and each endpoint's live stats for the page's pollers to start from.
 */
export async function readRolloutsOverview(ctx: RequestContext, _input: Record<string, never>, services: Pick<Services, "db" | "azureMl" | "logAnalytics" | "hints" | "now">) {
  requirePermission(ctx, "rollouts:read");
  // Live stats need only the endpoints' names: they are read for the names the last fleet read saw
  // (a read hint) beside ARM's list, and for any other listed name as soon as ARM lists it, beside
  // the deployments; the fleet decides which are shown (a hinted endpoint that is gone is not).
  const readLive = (name: string) => settleUpstream(() => readLiveEndpointStats(ctx, { endpoint: name }, services));
  const liveReads = new Map<string, ReturnType<typeof readLive>>();
  const liveOf = (name: string) => liveReads.get(name) ?? liveReads.set(name, readLive(name)).get(name)!;
  const liveStarted = Promise.all([
    hintedEndpointNames(services.hints).then((hinted) => hinted?.forEach(liveOf)),
    settleUpstream(() => cachedEndpoints(services.azureMl)).then((listed) => listed.value?.value.forEach((endpoint) => liveOf(endpoint.name))),
  ]);
  const [fleet, rollouts, approved] = await Promise.all([
    settleUpstream(() => readEndpointFleet(services.azureMl, services.hints)),
    services.db.rollout.findMany({ orderBy: { createdAt: "desc" }, take: 50 }),
    services.db.promotionRequest.findMany({
      where: { status: "approved", rollouts: { none: { status: { in: ["running", "paused", "completed"] } } } },
      include: { rollouts: { where: { status: "draft" }, orderBy: { createdAt: "asc" } } },
      orderBy: { decidedAt: "desc" },
      take: 20,
    }),
    liveStarted,
  ]);
  const endpoints = fleet.value?.value ?? [];
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
