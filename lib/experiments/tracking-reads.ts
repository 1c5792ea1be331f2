import "server-only";
import { getMlflowClient, MlflowError, mlflowReadCache, type MlflowClient } from "@/lib/sources/mlflow";
import type { Cached, ReadCache } from "@/lib/sources/read-cache";

// What the experiments verbs read MLflow through: the client and the shared read cache. Tests and
// the role matrix pass their own; pages use the app's. Keys are namespaced so that other areas
// caching other shapes in the same cache never collide with these.

export type TrackingClient = Pick<MlflowClient, "searchExperiments" | "getExperiment" | "searchRuns" | "getRun" | "getMetricHistory">;

export interface TrackingReads {
  client: TrackingClient;
  cache: ReadCache;
}

export function appTrackingReads(): TrackingReads {
  return { client: getMlflowClient(), cache: mlflowReadCache };
}

export function trackingCacheKey(...parts: (string | number | undefined | readonly string[])[]): string {
  return `tracking:${JSON.stringify(parts)}`;
}

export interface Freshness {
  /** ISO time of the oldest read the page shows. */
  asOf: string;
  staleBecause?: string;
}

/** The page is as old as its oldest read, and stale when any read is. */
export function freshnessOf(reads: readonly Pick<Cached<unknown>, "asOf" | "staleBecause">[]): Freshness {
  const oldest = reads.reduce((min, read) => (read.asOf < min ? read.asOf : min), reads[0]?.asOf ?? new Date());
  const staleBecause = reads.find((read) => read.staleBecause)?.staleBecause;
  return staleBecause ? { asOf: oldest.toISOString(), staleBecause } : { asOf: oldest.toISOString() };
}

/** MLflow refused the request itself (a bad filter, order or page token): the user can fix it. */
export function isRejectedRequest(error: unknown): error is MlflowError {
  return error instanceof MlflowError && (error.status === 400 || error.code === "INVALID_PARAMETER_VALUE");
}

/** The experiment or run does not exist (or the id is not one MLflow could look up). */
export function isMissing(error: unknown): error is MlflowError {
  return (
    error instanceof MlflowError &&
    (error.status === 404 || error.code === "RESOURCE_DOES_NOT_EXIST" || error.code === "INVALID_PARAMETER_VALUE")
  );
}
