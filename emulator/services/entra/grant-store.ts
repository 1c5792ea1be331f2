// The directory's short-lived protocol state: sign-ins waiting on the account picker, authorization
// codes, refresh tokens and browser sessions. Kept in memory: a restart signs everyone out, as a
// revoked session would.
import { randomBytes, randomUUID } from "node:crypto";
import { HOUR_MS, MINUTE_MS } from "../../scenario/clock";

export type ResponseMode = "query" | "fragment" | "form_post";

/** An authorize request that passed validation and waits for the user to pick an account. */
export interface PendingSignIn {
  /** The tenant named in the authorize URL. */
  tenantId: string;
  clientId: string;
  redirectUri: string;
  responseMode: ResponseMode;
  scope: string;
  state?: string;
  nonce?: string;
  codeChallenge: string;
  loginHint?: string;
}

export interface AuthorizationCodeGrant {
  tenantId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  userOid: string;
  scope: string;
  nonce?: string;
  sessionId: string;
}

export interface RefreshTokenGrant {
  tenantId: string;
  clientId: string;
  userOid: string;
  scope: string;
  sessionId: string;
}

export type RefreshTokenRedemption = { outcome: "redeemed"; grant: RefreshTokenGrant } | { outcome: "unknown" } | { outcome: "revoked" };

export type CodeRedemption = { outcome: "redeemed"; grant: AuthorizationCodeGrant } | { outcome: "unknown" } | { outcome: "replayed" } | { outcome: "expired" };

const PENDING_SIGN_IN_LIFETIME_MS = HOUR_MS;
export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * MINUTE_MS;
// Entra's refresh tokens last 90 days with use.
const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * HOUR_MS;

/** Opaque token text in the style of Entra's ("1.A…"). */
const opaqueToken = () => `1.A${randomBytes(48).toString("base64url")}`;

interface Stamped<T> {
  value: T;
  issuedAt: number;
}

/** A map whose entries expire; expired ones are dropped whenever a new one is added. */
class ExpiringMap<T> {
  private readonly entries = new Map<string, Stamped<T>>();

  constructor(
    private readonly lifetimeMs: number,
    private readonly now: () => number,
  ) {}

  add(key: string, value: T): void {
    const now = this.now();
    for (const [existing, entry] of this.entries) if (now - entry.issuedAt > this.lifetimeMs) this.entries.delete(existing);
    this.entries.set(key, { value, issuedAt: now });
  }

  /** The entry and whether it has expired (expired entries are kept until the next add, for error wording). */
  lookup(key: string): { value: T; expired: boolean } | undefined {
    const entry = this.entries.get(key);
    return entry && { value: entry.value, expired: this.now() - entry.issuedAt > this.lifetimeMs };
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  values(): IterableIterator<Stamped<T>> {
    return this.entries.values();
  }
}

export class EntraGrantStore {
  private readonly pendingSignIns: ExpiringMap<PendingSignIn>;
  private readonly codes: ExpiringMap<AuthorizationCodeGrant & { redeemed: boolean }>;
  private readonly refreshTokens: ExpiringMap<RefreshTokenGrant & { revoked?: boolean }>;
  private readonly sessions = new Map<string, { userOid: string }>();

  constructor(now: () => number) {
    this.pendingSignIns = new ExpiringMap(PENDING_SIGN_IN_LIFETIME_MS, now);
    this.codes = new ExpiringMap(AUTHORIZATION_CODE_LIFETIME_MS, now);
    this.refreshTokens = new ExpiringMap(REFRESH_TOKEN_LIFETIME_MS, now);
  }

  /** Remembers a validated authorize request; the returned id travels in the sign-in form. */
  addPendingSignIn(request: PendingSignIn): string {
    const id = randomBytes(24).toString("base64url");
    this.pendingSignIns.add(id, request);
    return id;
  }

  pendingSignIn(id: string): PendingSignIn | undefined {
    const found = this.pendingSignIns.lookup(id);
    return found && !found.expired ? found.value : undefined;
  }

  issueCode(grant: AuthorizationCodeGrant): string {
    const code = opaqueToken();
    this.codes.add(code, { ...grant, redeemed: false });
    return code;
  }

  /** Uses up a code: any later redemption of it is a replay, whatever this one's outcome. */
  redeemCode(code: string): CodeRedemption {
    const found = this.codes.lookup(code);
    if (!found) return { outcome: "unknown" };
    const { redeemed, ...grant } = found.value;
    if (redeemed) return { outcome: "replayed" };
    found.value.redeemed = true;
    return found.expired ? { outcome: "expired" } : { outcome: "redeemed", grant };
  }

  issueRefreshToken(grant: RefreshTokenGrant): string {
    const token = opaqueToken();
    this.refreshTokens.add(token, grant);
    return token;
  }

  /** Takes a refresh token out of circulation (they rotate on use): unknown when never issued, used or expired. */
  redeemRefreshToken(token: string): RefreshTokenRedemption {
    const found = this.refreshTokens.lookup(token);
    this.refreshTokens.delete(token);
    if (!found || found.expired) return { outcome: "unknown" };
    const { revoked, ...grant } = found.value;
    return revoked ? { outcome: "revoked" } : { outcome: "redeemed", grant };
  }

  /** Graph's revokeSignInSessions: every refresh token the user holds stops working; returns how many. */
  revokeRefreshTokensOf(userOid: string): number {
    let revoked = 0;
    for (const { value } of this.refreshTokens.values()) {
      if (value.userOid === userOid && !value.revoked) {
        value.revoked = true;
        revoked += 1;
      }
    }
    return revoked;
  }

  startSession(userOid: string): string {
    const id = randomUUID();
    this.sessions.set(id, { userOid });
    return id;
  }

  sessionUser(sessionId: string): string | undefined {
    return this.sessions.get(sessionId)?.userOid;
  }

  endSession(sessionId: string): void {
    this.sessions.delete(sessionId);
  }
}
