import "server-only";
import type { PromotionRequest } from "@/lib/db/generated/client";
import { UpstreamError } from "@/lib/errors/upstream-error";
import { upstreamProblem, type UpstreamProblem } from "@/lib/errors/upstream-problem";
import type { Services } from "@/lib/services/services";
import { forgetModelReads } from "@/lib/sources/mlflow/cache-keys";
import { cachedModel } from "@/lib/sources/mlflow/cached-reads";

/**
 * Whether the alias an applied approval set still points to its version in MLflow. Plain data for
 * the request page: after the fact, the page tells the truth about what MLflow serves now.
 */
export type AppliedAliasCheck =
  | { state: "agrees"; alias: string; version: string; asOf: string }
  | {
      state: "diverged";
      alias: string;
      approvedVersion: string;
      /** What the alias points to in MLflow now; null when the alias was deleted. */
      currentVersion: string | null;
      appliedAt: string;
      /** When MLflow was read (the cache's copy may be up to its freshness old). */
      asOf: string;
      /** Set when MLflow is not answering now and this is its last good answer. */
      staleBecause?: string;
    }
  /** A later approval moved the same alias through Stagegate: not a divergence. */
  | { state: "superseded"; alias: string; by: { requestId: string; version: string; appliedAt: string } }
  | { state: "unchecked"; alias: string; problem: UpstreamProblem };

type CheckServices = Pick<Services, "db" | "mlflow">;

/**
 * The registered model as MLflow holds it since the alias was applied. This replica's cached copy
 * may predate the move (another replica applied it, and only that one forgot its cached reads):
 * such a copy is forgotten and read again, so the page never reports a divergence that is only
 * this replica's cache lagging behind Stagegate's own write.
 */
async function registeredModelSince(services: CheckServices, model: string, appliedAt: Date) {
  const cached = await cachedModel(services.mlflow, model);
  if (cached.asOf >= appliedAt) return cached;
  if (cached.staleBecause) {
    // MLflow is down and its last answer predates the apply: it can say nothing about it.
    throw new UpstreamError("MLflow", `MLflow is not answering (${cached.staleBecause}); its last answer predates the alias being applied.`, undefined, "STALE", true);
  }
  forgetModelReads(services.mlflow.cache, model);
  return cachedModel(services.mlflow, model);
}

/**
 * The check for an approval whose alias Stagegate applied (`alias`, the one its apply job set: an
 * approval sets challenger, whatever alias the request aims at in the end); null for any other
 * request. Never throws for an MLflow failure.
 */
export async function checkAppliedAlias(services: CheckServices, request: PromotionRequest, alias: string): Promise<AppliedAliasCheck | null> {
  if (request.applyStatus !== "applied" || !request.appliedAt) return null;
  // Every approval applies the same alias, so any later applied approval of the model moved it.
  const later = await services.db.promotionRequest.findFirst({
    where: { modelName: request.modelName, applyStatus: "applied", appliedAt: { gt: request.appliedAt }, id: { not: request.id } },
    orderBy: { appliedAt: "desc" },
  });
  if (later?.appliedAt) {
    return { state: "superseded", alias, by: { requestId: later.id, version: later.modelVersion, appliedAt: later.appliedAt.toISOString() } };
  }
  let read;
  try {
    read = await registeredModelSince(services, request.modelName, request.appliedAt);
  } catch (error) {
    const problem = upstreamProblem(error);
    if (!problem) throw error;
    return { state: "unchecked", alias, problem };
  }
  const currentVersion = read.value.aliases.find((entry) => entry.alias === alias)?.version ?? null;
  const asOf = read.asOf.toISOString();
  if (currentVersion === request.modelVersion) return { state: "agrees", alias, version: currentVersion, asOf };
  return {
    state: "diverged",
    alias,
    approvedVersion: request.modelVersion,
    currentVersion,
    appliedAt: request.appliedAt.toISOString(),
    asOf,
    ...(read.staleBecause ? { staleBecause: read.staleBecause } : {}),
  };
}
