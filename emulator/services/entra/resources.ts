// The APIs the directory issues access tokens for, and how a `scope` parameter names one of them:
// `<resource>/.default`, `<resource>/<permission>`, or a bare Graph permission such as User.Read.
import type { ScenarioIdentity } from "../../scenario/identity";
import { EntraProtocolError } from "./entra-errors";

export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
/** Scopes about the sign-in itself rather than about an API. */
export const OIDC_SCOPES: ReadonlySet<string> = new Set(["openid", "profile", "email", "offline_access"]);

export interface TokenResource {
  /** The identifier clients put before `/.default` (no trailing slash). */
  identifier: string;
  /** Other names of the same API (its app id, for instance). */
  aliases: readonly string[];
  /** The `aud` Entra writes into its access tokens. */
  audience: string;
  displayName: string;
  /** Delegated permissions granted when a client asks for `.default` or for sign-in scopes only. */
  defaultPermissions: readonly string[];
  /** Only Stagegate's API receives Stagegate app roles in its tokens. */
  carriesStagegateRoles: boolean;
}

/** Azure's own APIs, Graph, and Stagegate's API (its registration leaves accessTokenAcceptedVersion
 * unset, as the portal does, so every access token here is a v1 token). */
export function knownResources(identity: ScenarioIdentity): TokenResource[] {
  const azure = (identifier: string, audience: string, displayName: string, permission: string): TokenResource => ({
    identifier,
    aliases: [],
    audience,
    displayName,
    defaultPermissions: [permission],
    carriesStagegateRoles: false,
  });
  return [
    // ARM's audience keeps its trailing slash; Log Analytics and metrics tokens do not have one.
    azure("https://management.azure.com", "https://management.azure.com/", "Windows Azure Service Management API", "user_impersonation"),
    azure("https://api.loganalytics.io", "https://api.loganalytics.io", "Log Analytics API", "Data.Read"),
    azure("https://metrics.monitor.azure.com", "https://metrics.monitor.azure.com", "Azure Monitor Metrics", "Metrics.Read"),
    { ...azure("https://graph.microsoft.com", GRAPH_APP_ID, "Microsoft Graph", "User.Read"), aliases: [GRAPH_APP_ID] },
    {
      identifier: identity.appIdUri,
      aliases: [identity.clientId],
      audience: identity.appIdUri,
      displayName: "Stagegate",
      defaultPermissions: ["access_as_user"],
      carriesStagegateRoles: true,
    },
  ];
}

export interface RequestedScope {
  /** The OIDC scopes asked for (openid, profile, email, offline_access). */
  signIn: Set<string>;
  resource: TokenResource;
  /** Delegated permission names as they go into `scp`. */
  permissions: string[];
  /** Whether the API was named by `<resource>/.default` alone, as client credentials require. */
  onlyDefault: boolean;
}

const withoutTrailingSlashes = (text: string) => text.replace(/\/+$/, "");

function findResource(resources: readonly TokenResource[], name: string): TokenResource | undefined {
  const wanted = withoutTrailingSlashes(name).toLowerCase();
  return resources.find((resource) => [resource.identifier, ...resource.aliases].some((known) => known.toLowerCase() === wanted));
}

/** Reads a scope parameter; throws Entra's error for an unknown API or a mix of two APIs. */
export function parseScope(scope: string, resources: readonly TokenResource[], tenantId: string): RequestedScope {
  const signIn = new Set<string>();
  const byResource = new Map<TokenResource, string[]>();
  for (const item of scope.split(/\s+/).filter(Boolean)) {
    if (OIDC_SCOPES.has(item.toLowerCase())) {
      signIn.add(item.toLowerCase());
      continue;
    }
    const slash = item.lastIndexOf("/");
    const resourceName = slash < 0 ? GRAPH_APP_ID : item.slice(0, slash);
    const permission = slash < 0 ? item : item.slice(slash + 1);
    const resource = findResource(resources, resourceName);
    if (!resource) {
      throw new EntraProtocolError(400, "invalid_resource", 500011, `The resource principal named ${resourceName} was not found in the tenant named ${tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`);
    }
    byResource.set(resource, [...(byResource.get(resource) ?? []), permission]);
  }
  if (byResource.size > 1) {
    throw new EntraProtocolError(400, "invalid_scope", 700022, `The provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`);
  }
  const [entry] = [...byResource];
  // Sign-in scopes alone get a Graph token, as Entra does.
  const resource = entry?.[0] ?? findResource(resources, GRAPH_APP_ID)!;
  const named = entry?.[1] ?? [];
  const permissions = named.length === 0 || named.includes(".default") ? [...resource.defaultPermissions] : named;
  return { signIn, resource, permissions, onlyDefault: named.length === 1 && named[0] === ".default" };
}

/** The scope string Entra returns: permissions qualified by their API (bare for Graph), then OIDC scopes. */
export function grantedScopeText(requested: RequestedScope): string {
  const qualify = (permission: string) =>
    requested.resource.audience === GRAPH_APP_ID ? permission : `${requested.resource.identifier}/${permission}`;
  return [...requested.permissions.map(qualify), ...requested.signIn].join(" ");
}
