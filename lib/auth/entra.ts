import "server-only";
import { ConfidentialClientApplication, LogLevel } from "@azure/msal-node";
import { getConfig } from "@/lib/config";
import { entraSettings, type EntraSettings } from "@/lib/config/schema";
import { EntraTokenVerifier } from "./token-verifier";

export class SignInNotConfiguredError extends Error {
  constructor(readonly missing: string[]) {
    super(`Sign-in is not configured: set ${missing.join(", ")} (see .env.example).`);
    this.name = "SignInNotConfiguredError";
  }
}

export interface Entra {
  settings: EntraSettings;
  verifier: EntraTokenVerifier;
  /** msal-node, told the authority's metadata so it makes no instance-discovery call. */
  msal(): Promise<ConfidentialClientApplication>;
}

const holder = globalThis as unknown as { stagegateEntra?: Entra };

/** The process-wide Entra client: one verifier (its key caches) and one msal application. */
export function getEntra(): Entra {
  if (holder.stagegateEntra) return holder.stagegateEntra;
  const settings = entraSettings(getConfig());
  if ("missing" in settings) throw new SignInNotConfiguredError(settings.missing);
  const verifier = new EntraTokenVerifier({
    authorityHost: settings.authorityHost,
    tenantId: settings.tenantId,
    clientId: settings.clientId,
    apiAudience: settings.apiAudience,
    allowedTenants: settings.allowedTenants,
  });
  let msal: Promise<ConfidentialClientApplication> | undefined;
  holder.stagegateEntra = {
    settings,
    verifier,
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
  return holder.stagegateEntra;
}
