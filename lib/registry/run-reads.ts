import "server-only";
import type { MlflowRun } from "@/lib/sources/mlflow/mlflow-schemas";
import type { Cached } from "@/lib/sources/read-cache";
import { UpstreamError } from "@/lib/sources/upstream-error";
import { registryCacheKeys } from "./cache-keys";
import type { MlflowReader, RegistrySources } from "./registry-sources";
import type { RunState } from "./registry-views";

export function isNotFound(error: unknown): boolean {
  return error instanceof UpstreamError && error.status === 404;
}

export type RunRead = { state: RunState; read: Cached<MlflowRun> | null; message?: string };

/** A version's run through the cache; a deleted or unreadable run is a state, not a page failure. */
export async function readRunOf(sources: RegistrySources, client: MlflowReader, runId: string | undefined): Promise<RunRead> {
  if (!runId) return { state: "no-run", read: null };
  try {
    return { state: "ok", read: await sources.mlflowCache.read(registryCacheKeys.run(runId), () => client.getRun(runId)) };
  } catch (error) {
    if (isNotFound(error)) return { state: "missing", read: null, message: `Run ${runId} no longer exists in MLflow.` };
    if (error instanceof UpstreamError) return { state: "unavailable", read: null, message: error.message };
    throw error;
  }
}

