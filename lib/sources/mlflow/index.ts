import "server-only";
import { getConfig, type AppConfig } from "@/lib/config";
import { processSingleton } from "@/lib/services/process-singletons";
import { appCredential } from "../azure/azure-credential";
import { ReadCache } from "../read-cache";
import type { Upstream } from "../upstream";
import { UpstreamNotConfiguredError } from "../upstream-error";
import { MlflowClient } from "./mlflow-client";

export { isMlflowError, MLFLOW_UPSTREAM, MlflowClient, MlflowError } from "./mlflow-client";
export type * from "./mlflow-schemas";

/** The Authorization header MLflow gets, chosen by MLFLOW_AUTH. */
export function mlflowAuthorization(config: AppConfig): () => Promise<string | undefined> {
  switch (config.MLFLOW_AUTH) {
    case "basic": {
      const encoded = Buffer.from(`${config.MLFLOW_TRACKING_USERNAME}:${config.MLFLOW_TRACKING_PASSWORD}`).toString("base64");
      return async () => `Basic ${encoded}`;
    }
    case "bearer":
      return async () => `Bearer ${config.MLFLOW_TRACKING_TOKEN}`;
    case "entra": {
      const credential = appCredential(config);
      return async () => {
        const token = await credential.getToken(config.MLFLOW_ENTRA_SCOPE);
        if (!token) throw new Error(`Entra ID issued no token for ${config.MLFLOW_ENTRA_SCOPE}`);
        return `Bearer ${token.token}`;
      };
    }
    default:
      return async () => undefined;
  }
}

function createMlflowClient(): MlflowClient {
  const config = getConfig();
  if (!config.MLFLOW_TRACKING_URI) {
    throw new UpstreamNotConfiguredError("MLflow", "MLflow is not configured: set MLFLOW_TRACKING_URI (and MLFLOW_AUTH) to browse the model registry.", ["MLFLOW_TRACKING_URI"]);
  }
  return new MlflowClient({ baseUrl: config.MLFLOW_TRACKING_URI, authorization: mlflowAuthorization(config), timeoutMs: config.UPSTREAM_TIMEOUT_MS });
}

/**
 * How long a replica serves an MLflow read from its own cache. Each replica has its own cache, so an
 * alias moved through another replica (or outside Stagegate) shows here at most this much later.
 */
export const MLFLOW_READ_FRESH_MS = 15_000;

/** MLflow for the whole process. Reads are cached briefly: pages stay fast under many viewers and survive MLflow outages. */
export function mlflowUpstream(): Upstream<MlflowClient> {
  return processSingleton("upstream:mlflow", () => ({
    client: () => processSingleton("client:mlflow", createMlflowClient),
    cache: new ReadCache({ freshMs: MLFLOW_READ_FRESH_MS, maxEntries: 2000, capMs: getConfig().UPSTREAM_READ_FRESH_MS }),
  }));
}
