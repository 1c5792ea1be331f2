import "server-only";
import { randomBytes } from "node:crypto";
import { CryptoProvider } from "@azure/msal-node";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { getDatabase } from "@/lib/db/database";
import { getEntra } from "./entra";
import { safeReturnTo } from "./return-to";
import { beginSignIn, consumeSignIn, endSession, rotateSession, upsertUserAtSignIn } from "./sessions";
import { TokenRejectedError } from "./token-verifier";
import { SIGN_IN_SCOPES } from "./tokens/refresh-grant";

// offline_access brings the refresh token that re-checks the session's roles (role-recheck.ts).
const SCOPES = [...SIGN_IN_SCOPES];

/** Why a sign-in ended without a session; each has a page explaining what to do. */
export type SignInFailure = "state_mismatch" | "expired" | "entra_error" | "token_rejected" | "tenant_not_allowed" | "not_configured" | "unavailable";

export class SignInError extends Error {
  constructor(
    readonly failure: SignInFailure,
    message: string,
  ) {
    super(message);
    this.name = "SignInError";
  }
}

/** Starts the authorization code flow with PKCE; the state also goes into a browser-bound cookie. */
export async function startSignIn(input: { returnTo: string | null }): Promise<{ redirectUrl: string; state: string }> {
  const entra = getEntra();
  const msal = await entra.msal();
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const state = randomBytes(24).toString("base64url");
  const nonce = randomBytes(24).toString("base64url");
  const { prisma } = await getDatabase();
  await beginSignIn(prisma, { state, nonce, codeVerifier: verifier, returnTo: safeReturnTo(input.returnTo), now: new Date() });
  // msal builds it on the discovery document's authorization_endpoint, wherever that is: the
  // authority host on Entra ID, the emulator's plain-HTTP browser listener in the demo.
  const redirectUrl = await msal.getAuthCodeUrl({
    scopes: SCOPES,
    redirectUri: entra.settings.redirectUri,
    state,
    nonce,
    codeChallenge: challenge,
    codeChallengeMethod: "S256",
    responseMode: "query",
  });
  return { redirectUrl, state };
}

interface CallbackInput {
  query: URLSearchParams;
  stateCookie: string | undefined;
  previousSessionToken: string | undefined;
  userAgent: string | null;
  requestId: string | null;
}

/** Redeems the code, verifies the id_token itself, and opens a fresh session. */
export async function completeSignIn(input: CallbackInput): Promise<{ sessionToken: string; returnTo: string }> {
  const { query } = input;
  if (query.get("error")) {
    throw new SignInError("entra_error", `Microsoft Entra ID refused the sign-in (${query.get("error")}).`);
  }
  const state = query.get("state");
  const code = query.get("code");
  if (!state || !code || state !== input.stateCookie) {
    throw new SignInError("state_mismatch", "This sign-in did not start in this browser, or it was already used.");
  }
  const entra = getEntra();
  const { prisma } = await getDatabase();
  const attempt = await consumeSignIn(prisma, state, new Date());
  if (!attempt) throw new SignInError("expired", "This sign-in took too long or was already used.");

  const msal = await entra.msal();
  let idToken: string;
  let refreshToken: string | null = null;
  try {
    const result = await msal.acquireTokenByCode(
      { code, redirectUri: entra.settings.redirectUri, scopes: SCOPES, codeVerifier: attempt.codeVerifier, nonce: attempt.nonce, state },
      { code, state, nonce: attempt.nonce },
    );
    idToken = result.idToken;
    // Stagegate keeps its own session; msal must not hold users' tokens in memory. msal's result
    // leaves the refresh token out, so it is taken from msal's cache before the account is removed.
    if (result.account) {
      refreshToken = refreshTokenOf(msal.getTokenCache().serialize(), result.account.homeAccountId);
      await msal.getTokenCache().removeAccount(result.account);
    }
  } catch (error) {
    // msal's error codes name what failed (invalid_grant, nonce_mismatch…) and carry no secrets.
    const code = (error as { errorCode?: string }).errorCode ?? (error instanceof Error ? error.name : "error");
    if (code === "network_error") throw new SignInError("unavailable", "Microsoft Entra ID's token endpoint could not be reached.");
    throw new SignInError("entra_error", `Microsoft Entra ID did not complete the sign-in (${code}).`);
  }
  let claims;
  try {
    claims = await entra.verifier.verifyIdToken(idToken, { nonce: attempt.nonce });
  } catch (error) {
    if (error instanceof TokenRejectedError) {
      throw new SignInError(error.reason === "tenant_not_allowed" ? "tenant_not_allowed" : "token_rejected", error.message);
    }
    throw new SignInError("unavailable", "Microsoft Entra ID's keys could not be read; try again in a moment.");
  }

  const now = new Date();
  const sessionToken = await prisma.$transaction(async (tx) => {
    const user = await upsertUserAtSignIn(tx, {
      oid: claims.oid,
      tenantId: claims.tid,
      name: claims.name ?? claims.preferredUsername ?? claims.oid,
      email: claims.email ?? claims.preferredUsername ?? null,
      now,
    });
    const { token } = await rotateSession(tx, {
      userId: user.id,
      tenantId: claims.tid,
      roles: claims.roles,
      sealedRefreshToken: refreshToken ? entra.refreshTokens.seal(refreshToken, user.id) : null,
      now,
      userAgent: input.userAgent,
      previousToken: input.previousSessionToken ?? null,
    });
    await appendAuditEvent(tx, {
      actorId: claims.oid,
      actorName: user.name,
      action: "user.signed_in",
      subjectType: "user",
      subjectId: user.id,
      data: { roles: claims.roles, tenantId: claims.tid },
      requestId: input.requestId,
    });
    return token;
  });
  return { sessionToken, returnTo: safeReturnTo(attempt.returnTo) };
}

/** The refresh token msal cached for an account (its serialized cache's RefreshToken section). */
function refreshTokenOf(serializedCache: string, homeAccountId: string): string | null {
  const cache = JSON.parse(serializedCache) as { RefreshToken?: Record<string, { home_account_id?: string; secret?: string }> };
  const entry = Object.values(cache.RefreshToken ?? {}).find((candidate) => candidate.home_account_id === homeAccountId);
  return entry?.secret ?? null;
}

/** Ends Stagegate's own session. */
export async function endLocalSession(sessionToken: string | undefined): Promise<void> {
  if (!sessionToken) return;
  const { prisma } = await getDatabase();
  await endSession(prisma, sessionToken, "signed_out", new Date());
}

/** Where to end the Entra session; when Entra's metadata cannot be read, our own signed-out page says so. */
export async function entraSignOutUrl(request: Request): Promise<string> {
  try {
    const entra = getEntra();
    const metadata = await entra.verifier.openIdConfiguration();
    const endSessionUrl = typeof metadata.end_session_endpoint === "string" ? metadata.end_session_endpoint : undefined;
    const url = new URL(endSessionUrl ?? `${entra.settings.authorityHost}/${entra.settings.tenantId}/oauth2/v2.0/logout`);
    url.searchParams.set("post_logout_redirect_uri", `${entra.settings.appBaseUrl}/auth/signed-out`);
    return url.toString();
  } catch {
    return new URL("/auth/signed-out?entra=unreachable", request.url).toString();
  }
}
