import "server-only";
import { getDatabase } from "@/lib/db/database";
import { currentRequestId } from "@/lib/log/request-logger";
import { registryCacheKeys } from "@/lib/registry/cache-keys";
import { armReadCache, getAzureMlClient } from "@/lib/sources/azure-ml";
import { evaluateRolloutStep } from "./evaluate-step";
import { readLiveEndpoint } from "./live-endpoint";
import type { RolloutDeps } from "./rollout-deps";
import { appTelemetryReads } from "./telemetry/read-arm-stats";

/** The real database, ARM and Log Analytics, for pages, actions and the background evaluator. */
export async function rolloutDeps(): Promise<RolloutDeps> {
  const { prisma } = await getDatabase();
  return {
    prisma,
    now: () => new Date(),
    requestId: await currentRequestId().catch(() => null),
    readEndpoint: (name) => readLiveEndpoint(getAzureMlClient(), name),
    evaluateStep: (rollout) => evaluateRolloutStep(appTelemetryReads(), rollout),
  };
}

/** The workspace's endpoints and deployments, cached as the registry pages read them, and their live telemetry. */
export async function fleetReadDeps() {
  const { prisma } = await getDatabase();
  return {
    prisma,
    readFleet: () => armReadCache.read(registryCacheKeys.deployments(), () => getAzureMlClient().listEndpointsWithDeployments()),
    telemetryReads: appTelemetryReads,
  };
}
