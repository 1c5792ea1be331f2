import "server-only";
import { ClientSecretCredential, type TokenCredential } from "@azure/identity";
import type { AppConfig } from "@/lib/config";
import { processSingleton } from "@/lib/services/process-singletons";

/**
 * Stagegate's own identity towards Azure (ARM, Azure ML's MLflow, Monitor): the app registration's
 * client credentials. One instance per process so its token cache is shared by every client.
 */
export function appCredential(config: AppConfig): TokenCredential {
  const { ENTRA_AUTHORITY_HOST: authorityHost, ENTRA_TENANT_ID: tenantId, ENTRA_CLIENT_ID: clientId, ENTRA_CLIENT_SECRET: secret } = config;
  if (!authorityHost || !tenantId || !clientId || !secret) {
    throw new Error("Azure access needs ENTRA_AUTHORITY_HOST, ENTRA_TENANT_ID, ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET.");
  }
  // Instance discovery asks login.microsoftonline.com about the authority: sovereign and private
  // authorities (and the emulator) are configured explicitly instead.
  return processSingleton(`azure-credential:${authorityHost}|${tenantId}|${clientId}`, () => new ClientSecretCredential(tenantId, clientId, secret, { authorityHost, disableInstanceDiscovery: true }));
}
