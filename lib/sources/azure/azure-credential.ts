import "server-only";
import { ClientSecretCredential } from "@azure/identity";
import type { AppConfig } from "@/lib/config";
import { getLogger } from "@/lib/log/logger";
import { processSingleton } from "@/lib/services/process-singletons";
import { appTokenRequests } from "./app-token-scopes";
import { WarmTokenCredential } from "./warm-token-credential";

/**
 * Stagegate's own identity towards Azure (ARM, Azure ML's MLflow, Monitor): the app registration's
 * client credentials. One instance per process so its tokens are shared by every client.
 */
export function appCredential(config: AppConfig): WarmTokenCredential {
  const { ENTRA_AUTHORITY_HOST: authorityHost, ENTRA_TENANT_ID: tenantId, ENTRA_CLIENT_ID: clientId, ENTRA_CLIENT_SECRET: secret } = config;
  if (!authorityHost || !tenantId || !clientId || !secret) {
    throw new Error("Azure access needs ENTRA_AUTHORITY_HOST, ENTRA_TENANT_ID, ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET.");
  }
  return processSingleton(`azure-credential:${authorityHost}|${tenantId}|${clientId}`, () => {
    // Instance discovery asks login.microsoftonline.com about the authority: sovereign and private
    // authorities (and the emulator) are configured explicitly instead.
    const inner = new ClientSecretCredential(tenantId, clientId, secret, { authorityHost, disableInstanceDiscovery: true });
    return new WarmTokenCredential(inner, (request, error) => getLogger().warn({ err: error, scopes: request.scopes }, "refreshing an app token failed; retrying"));
  });
}

/**
 * Acquires the app tokens of every configured upstream as the process starts, without delaying it:
 * never rejects. When Entra does not answer, the first call needing a token acquires it, as
 * without warming, and its page degrades if that fails too.
 */
export async function warmAppTokens(config: AppConfig): Promise<void> {
  const logger = getLogger();
  try {
    const requests = appTokenRequests(config);
    if (requests.length === 0) return;
    const { acquired, failed } = await appCredential(config).warm(requests);
    for (const { request, error } of failed) logger.warn({ err: error, scopes: request.scopes }, "app token not acquired at start");
    logger.info({ acquired, failed: failed.length }, "app tokens warmed");
  } catch (error) {
    logger.warn({ err: error }, "app tokens not warmed");
  }
}
