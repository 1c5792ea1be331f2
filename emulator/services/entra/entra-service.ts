// The emulated Microsoft Entra ID: per-tenant discovery and JWKS, the authorize flow with its
// account picker, the token endpoint and logout. Its keys also back the other services' token checks.
// Two listeners: HTTPS with everything, and a loopback plain-HTTP one with only the pages a browser
// opens, where discovery sends browsers (a browser does not know the emulator's CA).
import type { EmulatorContext } from "../../context";
import { Router, json, type Handler } from "../../http/router";
import type { ServiceDefinition } from "../../http/service-host";
import type { DemoTenant } from "../../scenario/users";
import { DISCOVERY_CACHE_HEADERS, openIdConfiguration, tenantJwks } from "./discovery";
import { EntraDirectory } from "./directory";
import { entraErrorResponse, entraErrorShape, unknownTenantError } from "./entra-errors";
import { EntraGrantStore } from "./grant-store";
import { EntraKeys } from "./keys";
import { knownResources } from "./resources";
import { signInFlow } from "./sign-in-flow";
import { tokenEndpoint } from "./token-endpoint";
import { TokenGrants } from "./token-grants";
import { TokenMinter } from "./token-minting";
import { EntraTokenVerifier } from "./verifier";

/** Everything the directory keeps: who exists, its signing keys, and the grants it handed out. */
export interface EntraState {
  directory: EntraDirectory;
  keys: EntraKeys;
  grants: EntraGrantStore;
  /** The clock of token lifetimes and code expiry. */
  now: () => Date;
}

/**
 * Builds the directory from the scenario and loads (or makes) its keys under options.dataDir.
 * Tokens follow the real clock by default, not the scenario's: the app checks exp against its own
 * wall clock even when the emulator's data is frozen at EMULATOR_NOW.
 */
export function createEntraState(context: Pick<EmulatorContext, "options" | "identity">, options: { now?: () => Date } = {}): EntraState {
  const now = options.now ?? (() => new Date());
  return {
    directory: new EntraDirectory(context.options.seed, context.identity),
    keys: EntraKeys.loadOrCreate(context.options.dataDir),
    grants: new EntraGrantStore(() => now().getTime()),
    now,
  };
}

/** The TokenVerifier the other services use (context.tokens), sharing the directory's keys and clock. */
export function createEntraTokenVerifier(context: Pick<EmulatorContext, "identity" | "urls">, entra: EntraState): EntraTokenVerifier {
  return new EntraTokenVerifier(entra.keys, context, entra.now);
}

/** What both of Entra's listeners share: the directory's state and where each of them is. */
function entraParts(context: EmulatorContext, entra: EntraState) {
  const { directory, grants, now } = entra;
  const authorityBase = () => context.urls.entra;
  // The pages a browser opens (and error_uri, a page for people) live on the plain-HTTP listener;
  // a context that did not start it (some tests) keeps them on the HTTPS one.
  const browserBase = () => context.urls.entraBrowser || context.urls.entra;
  const resources = knownResources(context.identity);
  const flow = signInFlow({ directory, grants, resources, errorPageBase: browserBase, now });
  return { authorityBase, browserBase, resources, flow, errors: entraErrorShape(browserBase, now) };
}

/** Entra on HTTPS: everything login.microsoftonline.com answers, for the SDKs and for browsers that trust the CA. */
export function createEntraService(context: EmulatorContext, entra: EntraState): ServiceDefinition {
  const { directory, keys, grants, now } = entra;
  const { authorityBase, browserBase, resources, flow, errors } = entraParts(context, entra);
  const minter = new TokenMinter(directory, keys, authorityBase, now);
  // The control API's reset brings back the scenario's role assignments and enabled accounts.
  context.onReset.push(() => directory.resetUsers());

  /** Answers a per-tenant document, or Entra's invalid_tenant error. */
  const perTenant =
    (document: (tenant: DemoTenant) => unknown): Handler =>
    (request) => {
      const tenant = directory.tenant(request.params.tenant ?? "");
      if (!tenant) return entraErrorResponse(unknownTenantError(request.params.tenant ?? ""), { errorPageBase: browserBase(), request, now: now() });
      return json(200, document(tenant), DISCOVERY_CACHE_HEADERS);
    };
  const tokenPost = tokenEndpoint({ directory, grants: new TokenGrants(directory, grants, minter, resources), errorPageBase: browserBase, now });

  const router = new Router({ caseInsensitive: true })
    .add("GET", "/:tenant/v2.0/.well-known/openid-configuration", perTenant((tenant) => openIdConfiguration({ authority: authorityBase(), browser: browserBase() }, tenant)))
    .add("GET", "/:tenant/discovery/v2.0/keys", perTenant((tenant) => tenantJwks(keys, authorityBase(), tenant)))
    .add("POST", "/:tenant/oauth2/v2.0/token", tokenPost);
  addBrowserRoutes(router, flow);
  return { name: "entra", upstream: "entra", router, errors };
}

/**
 * Entra's browser pages on plain HTTP, bound to 127.0.0.1: authorize with its account picker and
 * form post, logout, and the error-code page. Nothing else: no token, keys or discovery here, so
 * no secret, code exchange or bearer token ever crosses plain HTTP.
 */
export function createEntraBrowserService(context: EmulatorContext, entra: EntraState): ServiceDefinition {
  const { flow, errors } = entraParts(context, entra);
  return { name: "entraBrowser", upstream: "entra", router: addBrowserRoutes(new Router({ caseInsensitive: true }), flow), errors, scheme: "http" };
}

function addBrowserRoutes(router: Router, flow: ReturnType<typeof signInFlow>): Router {
  return router
    .add("GET", "/:tenant/oauth2/v2.0/authorize", flow.authorize)
    .add("POST", "/:tenant/login", flow.signIn)
    .add("GET", "/:tenant/oauth2/v2.0/logout", flow.logout)
    .add("POST", "/:tenant/oauth2/v2.0/logout", flow.logout)
    .add("GET", "/error", flow.errorCode);
}
