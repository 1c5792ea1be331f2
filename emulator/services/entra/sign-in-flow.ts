// The browser side of the directory: authorize shows the account picker, the picker's form signs a
// user in and sends a code back to the application, logout ends the emulator's session.
import { formBody, type EmuRequest, type EmuResponse, type Handler } from "../../http/router";
import type { DemoUser } from "../../scenario/users";
import { errorToClient, readAuthorizeRequest, responseToClient, type ClientTarget } from "./authorize-request";
import type { EntraDirectory } from "./directory";
import { EntraProtocolError, entraErrorBody, unknownTenantError } from "./entra-errors";
import type { EntraGrantStore, PendingSignIn } from "./grant-store";
import type { TokenResource } from "./resources";
import { accountPickerPage, errorCodePage, htmlResponse, signInErrorPage, signedOutPage } from "./sign-in-pages";

const SESSION_COOKIE = "emulator_entra_session";
/** Secure only where it was set over HTTPS: the browser listener is plain HTTP on the loopback. */
const cookieAttributes = (request: EmuRequest) => `Path=/; HttpOnly;${request.url.protocol === "https:" ? " Secure;" : ""} SameSite=Lax`;

export interface SignInFlowDependencies {
  directory: EntraDirectory;
  grants: EntraGrantStore;
  resources: readonly TokenResource[];
  errorPageBase: () => string;
  now: () => Date;
}

function sessionIdFrom(request: EmuRequest): string | undefined {
  const cookies = request.headers.cookie?.split(";").map((part) => part.trim()) ?? [];
  return cookies.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))?.slice(SESSION_COOKIE.length + 1) || undefined;
}

const targetOf = (pending: PendingSignIn): ClientTarget => ({ redirectUri: pending.redirectUri, responseMode: pending.responseMode, state: pending.state });

export function signInFlow(dependencies: SignInFlowDependencies): { authorize: Handler; signIn: Handler; logout: Handler; errorCode: Handler } {
  const { directory, grants } = dependencies;

  function errorPage(failure: EntraProtocolError, request: EmuRequest): EmuResponse {
    const body = entraErrorBody(failure, { errorPageBase: dependencies.errorPageBase(), request, now: dependencies.now() });
    return htmlResponse(failure.status, signInErrorPage({ summary: failure.summary, traceId: body.trace_id, correlationId: body.correlation_id, timestamp: body.timestamp }));
  }

  /** The user behind the browser's session cookie, with the session id. */
  function signedIn(request: EmuRequest): { sessionId: string; user: DemoUser } | undefined {
    const sessionId = sessionIdFrom(request);
    const user = sessionId ? directory.user(grants.sessionUser(sessionId) ?? "") : undefined;
    return sessionId && user ? { sessionId, user } : undefined;
  }

  /** Issues the code and returns the browser to the application, keeping or starting the session. */
  function completeSignIn(pending: PendingSignIn, user: DemoUser, request: EmuRequest): EmuResponse {
    const current = signedIn(request);
    const sessionId = current?.user.oid === user.oid ? current.sessionId : grants.startSession(user.oid);
    const code = grants.issueCode({ ...pending, userOid: user.oid, sessionId });
    return responseToClient(targetOf(pending), { code, session_state: sessionId }, { "set-cookie": `${SESSION_COOKIE}=${sessionId}; ${cookieAttributes(request)}` });
  }

  const authorize: Handler = (request) => {
    const tenant = directory.tenant(request.params.tenant ?? "");
    if (!tenant) return errorPage(unknownTenantError(request.params.tenant ?? ""), request);
    const outcome = readAuthorizeRequest(request.query, tenant, directory, dependencies.resources);
    if (outcome.kind === "error-page") return errorPage(outcome.failure, request);
    if (outcome.kind === "redirect-error") return errorToClient(outcome.target, outcome.failure);
    const current = signedIn(request);
    if (outcome.prompt === "none") {
      if (current) return completeSignIn(outcome.request, current.user, request);
      const failure = new EntraProtocolError(400, "login_required", 50058, "A silent sign-in request was sent but no user is signed in.");
      return errorToClient(targetOf(outcome.request), failure);
    }
    // Every other prompt (login, select_account, consent, or none given) shows the picker.
    const context = grants.addPendingSignIn(outcome.request);
    const html = accountPickerPage({
      action: `/${tenant.tenantId}/login`,
      context,
      applicationName: directory.clientIn(tenant.tenantId, outcome.request.clientId)?.displayName ?? outcome.request.clientId,
      users: directory.users,
      appRoles: directory.appRoles,
      tenant,
      tenants: directory.tenants,
      loginHint: outcome.request.loginHint,
      signedInOid: current?.user.oid,
    });
    return htmlResponse(200, html);
  };

  const signIn: Handler = (request) => {
    const form = formBody(request);
    const pending = grants.pendingSignIn(form.get("ctx") ?? "");
    if (!pending) {
      return errorPage(new EntraProtocolError(400, "invalid_request", 50089, "The sign-in request has expired or is unknown. Go back to the application and sign in again."), request);
    }
    if (form.has("cancel")) {
      return errorToClient(targetOf(pending), new EntraProtocolError(400, "access_denied", 65004, "The user canceled the sign-in and did not consent to access the app."));
    }
    const user = directory.user(form.get("user") ?? "");
    if (!user) return errorPage(new EntraProtocolError(400, "invalid_request", 50034, "The user account does not exist in the directory."), request);
    return completeSignIn(pending, user, request);
  };

  const logout: Handler = (request) => {
    const parameters = request.method === "POST" ? formBody(request) : request.query;
    if (!directory.tenant(request.params.tenant ?? "")) return errorPage(unknownTenantError(request.params.tenant ?? ""), request);
    const sessionId = sessionIdFrom(request);
    if (sessionId) grants.endSession(sessionId);
    const clearCookie = { "set-cookie": `${SESSION_COOKIE}=; Max-Age=0; ${cookieAttributes(request)}` };
    const returnTo = parameters.get("post_logout_redirect_uri");
    if (returnTo && directory.isRegisteredRedirectUri(returnTo)) {
      const location = new URL(returnTo);
      const state = parameters.get("state");
      if (state !== null) location.searchParams.set("state", state);
      return { status: 302, headers: { location: location.toString(), "cache-control": "no-store", ...clearCookie } };
    }
    const notice = returnTo ? `The application asked to return to ${returnTo}, which is not one of its registered addresses.` : undefined;
    return htmlResponse(200, signedOutPage(notice), clearCookie);
  };

  const errorCode: Handler = (request) => htmlResponse(200, errorCodePage((request.query.get("code") ?? "").replace(/\D/g, "")));

  return { authorize, signIn, logout, errorCode };
}
