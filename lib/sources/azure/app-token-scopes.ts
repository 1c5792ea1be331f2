// The app tokens each configured upstream asks Entra for, as its client asks (same scopes, same
// CAE flag), so that the tokens warmed at start are the ones the calls use.
import type { AppConfig } from "@/lib/config";
import { ARM_REQUIRED_VARIABLES, ARM_SCOPE } from "../azure-ml/arm-settings";
import type { TokenRequest } from "./warm-token-credential";

/** The Log Analytics query API's scope: the one its SDK asks for. */
export const LOG_ANALYTICS_SCOPE = "https://api.loganalytics.io/.default";

export function appTokenRequests(config: AppConfig): TokenRequest[] {
  if (!config.ENTRA_AUTHORITY_HOST || !config.ENTRA_TENANT_ID || !config.ENTRA_CLIENT_ID || !config.ENTRA_CLIENT_SECRET) return [];
  const requests: TokenRequest[] = [];
  // The Azure SDKs' pipelines ask with CAE enabled; the MLflow client asks without.
  if (ARM_REQUIRED_VARIABLES.every((name) => config[name])) requests.push({ scopes: [ARM_SCOPE], enableCae: true });
  if (config.LOG_ANALYTICS_ENDPOINT && config.LOG_ANALYTICS_WORKSPACE_ID) requests.push({ scopes: [LOG_ANALYTICS_SCOPE], enableCae: true });
  if (config.MLFLOW_TRACKING_URI && config.MLFLOW_AUTH === "entra") requests.push({ scopes: [config.MLFLOW_ENTRA_SCOPE] });
  return requests;
}
