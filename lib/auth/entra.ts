import "server-only";
import { ConfidentialClientApplication, LogLevel } from "@azure/msal-node";
import { getConfig } from "@/lib/config";
import { UpstreamNotConfiguredError } from "@/lib/errors/upstream-error";
import { processSingleton } from "@/lib/services/process-singletons";
import { entraSettings, type EntraSettings } from "@/lib/config/schema";
import { askEntraForRoles } from "./entra-role-source";
import { refreshTokenSealer, type RefreshTokenSealer } from "./sessions/refresh-token-sealing";
import type { RoleRecheckOutcome } from "./sessions/role-recheck-policy";
import { EntraTokenVerifier } from "./token-verifier";

export const ENTRA_UPSTREAM = "Entra ID";

export interface Entra {
  settings: EntraSettings;
  verifier: EntraTokenVerifier;
  /** msal-node, told the authority's metadata so it makes no instance-discovery call. */
  msal(): Promise<ConfidentialClientApplication>;
  /** Seals the refresh tokens sessions keep (key derived from the client secret). */
  refreshTokens: RefreshTokenSealer;
  /** The user's roles now, from a refresh-token redemption. */
  recheckRoles(input: { refreshToken: string; oid: string; tid: string }): Promise<RoleRecheckOutcome>;
}

/** The process-wide Entra client: one verifier (its JWKS cache) and one msal application, shared by every bundle. */
export function getEntra(): Entra {
  return processSingleton("entra", createEntra);
}

function createEntra(): Entra {
  const settings = entraSettings(getConfig());
  if ("missing" in settings) throw new UpstreamNotConfiguredError(ENTRA_UPSTREAM, `Sign-in is not configured: set ${settings.missing.join(", ")} (see .env.example).`, settings.missing);
  const verifier = new EntraTokenVerifier({
    authorityHost: settings.authorityHost,
    tenantId: settings.tenantId,
    clientId: settings.clientId,
    apiAudience: settings.apiAudience,
    allowedTenants: settings.allowedTenants,
  });
  let msal: Promise<ConfidentialClientApplication> | undefined;
  const roleSource = { verifier, clientId: settings.clientId, clientSecret: settings.clientSecret };
  return {
    settings,
    verifier,
    refreshTokens: refreshTokenSealer(settings.clientSecret),
    recheckRoles: (input) => askEntraForRoles(roleSource, input),
    msal() {
      msal ??= verifier.openIdConfiguration().then(
        (metadata) =>
          new ConfidentialClientApplication({
            auth: {
              clientId: settings.clientId,
              clientSecret: settings.clientSecret,
              authority: `${settings.authorityHost}/${settings.tenantId}`,
              knownAuthorities: [new URL(settings.authorityHost).host],
              authorityMetadata: JSON.stringify(metadata),
            },
            system: { loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined } },
          }),
      );
      msal.catch(() => {
        msal = undefined;
      });
      return msal;
    },
  };
}
