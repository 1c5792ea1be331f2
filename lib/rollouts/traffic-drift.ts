import "server-only";
import type { Rollout } from "@/lib/db/generated/client";
import { describeSplit, trafficDrift, type TrafficSplit } from "@/lib/domain/rollout-plan";
import { settleUpstream } from "@/lib/sources/upstream-error";
import { asSplit, type RolloutDeps } from "./rollout-deps";

/**
 * The endpoint's live split when someone changed it outside Stagegate since the last apply; null
 * when it matches, while a plan is being applied, or when ARM cannot be read (the job will tell).
 */
export async function readTrafficDrift(deps: Pick<RolloutDeps, "readEndpoint">, rollout: Rollout): Promise<TrafficSplit | null> {
  if (!rollout.appliedTraffic) return null;
  const live = await settleUpstream(() => deps.readEndpoint(rollout.endpoint));
  if (!live.value) return null;
  return trafficDrift(asSplit(rollout.appliedTraffic), rollout.appliedRevision !== rollout.revision, live.value);
}

/** Why a step may not advance while the endpoint's traffic differs from what Stagegate applied. */
export function driftBlocksAdvance(rollout: Rollout, live: TrafficSplit): string {
  return `The endpoint's traffic was changed outside Stagegate: it is ${describeSplit(live)}, but Stagegate last applied ${describeSplit(asSplit(rollout.appliedTraffic))}. Re-apply the plan's traffic or adopt the live one before advancing; rollback still works.`;
}
