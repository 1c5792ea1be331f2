import "server-only";
import type { Rollout } from "@/lib/db/generated/client";
import { describeSplit, trafficDrift, type TrafficSplit } from "@/lib/domain/rollout-plan";
import { settleUpstream } from "@/lib/errors/upstream-problem";
import type { Services } from "@/lib/services/services";
import { readLiveEndpoint } from "./live-endpoint";
import { asSplit } from "./rollout-records";
import { isPlanOnly } from "./rollout-view";

/**
 * The endpoint's live split when it is not what Stagegate last applied for this rollout, running or
 * ended (completed, rolled back, aborted); null when it matches, while a newer plan is still being
 * applied (the difference is expected), and for a plan that never reached the endpoint.
 */
export function driftOf(rollout: Rollout, live: TrafficSplit): TrafficSplit | null {
  if (isPlanOnly(rollout.status) || !rollout.appliedTraffic) return null;
  return trafficDrift(asSplit(rollout.appliedTraffic), rollout.appliedRevision !== rollout.revision, live);
}

/**
 * The endpoint's live split when someone changed it outside Stagegate since the last apply; null
 * when it matches, while a plan is being applied, or when ARM cannot be read (the job will tell).
 */
export async function readTrafficDrift(services: Pick<Services, "azureMl">, rollout: Rollout): Promise<TrafficSplit | null> {
  if (!rollout.appliedTraffic) return null;
  const live = await settleUpstream(() => readLiveEndpoint(services, rollout.endpoint));
  if (!live.value) return null;
  return driftOf(rollout, live.value);
}

/** Why a step may not advance while the endpoint's traffic differs from what Stagegate applied. */
export function driftBlocksAdvance(rollout: Rollout, live: TrafficSplit): string {
  return `The endpoint's traffic was changed outside Stagegate: it is ${describeSplit(live)}, but Stagegate last applied ${describeSplit(asSplit(rollout.appliedTraffic))}. Re-apply the plan's traffic or adopt the live one before advancing; rollback still works.`;
}
