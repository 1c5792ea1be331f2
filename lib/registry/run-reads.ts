import "server-only";
import { isUpstreamError } from "@/lib/errors/upstream-error";
import type { Services } from "@/lib/services/services";
import { cachedRun, isMissing } from "@/lib/sources/mlflow/cached-reads";
import type { MlflowRun } from "@/lib/sources/mlflow/mlflow-schemas";
import type { Cached } from "@/lib/sources/read-cache";
import type { RunState } from "./registry-views";

export type RunRead = { state: RunState; read: Cached<MlflowRun> | null; message?: string };

/** A version's run through the cache; a deleted or unreadable run is a state, not a page failure. */
export async function readRunOf(services: Pick<Services, "mlflow">, runId: string | undefined): Promise<RunRead> {
  if (!runId) return { state: "no-run", read: null };
  try {
    return { state: "ok", read: await cachedRun(services.mlflow, runId) };
  } catch (error) {
    if (isMissing(error)) return { state: "missing", read: null, message: `Run ${runId} no longer exists in MLflow.` };
    if (isUpstreamError(error)) return { state: "unavailable", read: null, message: error.message };
    throw error;
  }
}
