import "server-only";
// Redeems a refresh token at the tenant's token endpoint (RFC 6749 §6) for a new id_token and the
// rotated refresh token. A plain form POST: msal-node would want the token in its own cache, and
// Stagegate keeps users' tokens in its sessions only. Answers are sorted into what they mean for
// the session: the grant is refused (the user must sign in again) or Entra could not answer.
import { z } from "zod";
import type { FetchFn } from "./fetch-entra-document";

/** The OIDC scopes of Stagegate's sign-in; a refresh asks for the same ones. */
export const SIGN_IN_SCOPES = ["openid", "profile", "email", "offline_access"] as const;

export type RefreshGrantResult =
  | { kind: "issued"; idToken: string; refreshToken: string | null }
  | { kind: "refused"; detail: string }
  | { kind: "unavailable"; detail: string };

export interface RefreshGrantRequest {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  fetch: FetchFn;
  timeoutMs: number;
}

const successBody = z.object({ id_token: z.string().min(1), refresh_token: z.string().min(1).optional() });
const errorBody = z.object({ error: z.string(), error_codes: z.array(z.number()).optional() });

// The grant itself is dead or needs the user: invalid_grant (revoked, expired, user disabled or
// deleted, password changed) and interaction_required (MFA, consent, conditional access).
const GRANT_REFUSALS = new Set(["invalid_grant", "interaction_required", "consent_required", "login_required"]);

export async function redeemRefreshToken(request: RefreshGrantRequest): Promise<RefreshGrantResult> {
  let response: Response;
  try {
    response = await request.fetch(request.tokenEndpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        client_id: request.clientId,
        client_secret: request.clientSecret,
        grant_type: "refresh_token",
        refresh_token: request.refreshToken,
        scope: SIGN_IN_SCOPES.join(" "),
      }).toString(),
      redirect: "error",
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    return { kind: "unavailable", detail: `the token endpoint could not be reached (${error instanceof Error ? error.name : "error"})` };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = successBody.safeParse(body);
    if (!parsed.success) return { kind: "unavailable", detail: "the token endpoint's answer carries no id_token" };
    return { kind: "issued", idToken: parsed.data.id_token, refreshToken: parsed.data.refresh_token ?? null };
  }
  // Only the error code and AADSTS number are kept: error_description may quote request details.
  const failure = errorBody.safeParse(body);
  const code = failure.success ? `${failure.data.error}${failure.data.error_codes?.length ? ` AADSTS${failure.data.error_codes[0]}` : ""}` : `HTTP ${response.status}`;
  if (failure.success && response.status < 500 && GRANT_REFUSALS.has(failure.data.error)) {
    return { kind: "refused", detail: `Entra ID refused the refresh token (${code})` };
  }
  // invalid_client and the like are Stagegate's configuration, throttling and 5xx are Entra's: neither says anything about the user.
  return { kind: "unavailable", detail: `the token endpoint answered HTTP ${response.status} (${code})` };
}
