// App tokens kept ready, as a server keeps a connection pool: a fresh process would otherwise pay
// Entra's discovery and token round trips before its first ARM, Log Analytics or MLflow call. The
// tokens of the scopes warmed at start are acquired then and refreshed before they expire; any
// caller of a scope shares one acquisition in flight and the token it got.
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";

/** A token is handed out until this long before it expires (the SDKs' own refresh window is 2 minutes). */
export const SERVE_MARGIN_MS = 3 * 60_000;
/**
 * It is refreshed this long before it expires: inside MSAL's 5-minute renewal window, where MSAL
 * asks Entra again instead of answering from its own cache.
 */
export const REFRESH_MARGIN_MS = 4 * 60_000;
/** A refresh that failed (or got the same token back) is tried again after this long, while the token lasts. */
export const RETRY_MS = 30_000;
/**
 * An acquisition still unanswered after this long is given up (MSAL does not always stop waiting on
 * an Entra ID that hangs): its waiters fail as a credential failure, the next caller asks anew.
 */
export const ACQUIRE_TIMEOUT_MS = 10_000;

export interface TokenRequest {
  scopes: string[];
  /** As the Azure SDKs ask (Continuous Access Evaluation); MSAL keeps those tokens apart. */
  enableCae?: boolean;
}

interface Slot {
  token: AccessToken | null;
  inFlight: Promise<AccessToken> | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export class WarmTokenCredential implements TokenCredential {
  private readonly slots = new Map<string, Slot>();
  private stopped = false;

  constructor(
    private readonly inner: TokenCredential,
    private readonly onRefreshFailure: (request: TokenRequest, error: unknown) => void = () => undefined,
    private readonly acquireTimeoutMs = ACQUIRE_TIMEOUT_MS,
  ) {}

  async getToken(scopes: string | string[], options: GetTokenOptions = {}): Promise<AccessToken | null> {
    // A claims challenge or another tenant needs a token of its own, never the shared one.
    if (options.claims || options.tenantId) return this.inner.getToken(scopes, options);
    const request = { scopes: [scopes].flat(), enableCae: options.enableCae === true };
    const slot = this.slot(request);
    if (slot.token && Date.now() < slot.token.expiresOnTimestamp - SERVE_MARGIN_MS) return slot.token;
    return this.acquire(request, slot);
  }

  /** Acquires the tokens now and keeps them fresh; resolves once each was acquired or failed (it never rejects). */
  async warm(requests: readonly TokenRequest[]): Promise<{ acquired: number; failed: { request: TokenRequest; error: unknown }[] }> {
    const outcomes = await Promise.all(
      requests.map((request) =>
        this.acquire(request, this.slot(request)).then(
          () => null,
          (error: unknown) => ({ request, error }),
        ),
      ),
    );
    const failed = outcomes.filter((outcome) => outcome !== null);
    return { acquired: requests.length - failed.length, failed };
  }

  /** Stops every refresh (tests, shutdown). */
  stop(): void {
    this.stopped = true;
    for (const slot of this.slots.values()) if (slot.timer) clearTimeout(slot.timer);
    this.slots.clear();
  }

  private slot(request: TokenRequest): Slot {
    const key = JSON.stringify([request.scopes, Boolean(request.enableCae)]);
    let slot = this.slots.get(key);
    if (!slot) this.slots.set(key, (slot = { token: null, inFlight: null, timer: null }));
    return slot;
  }

  private acquire(request: TokenRequest, slot: Slot): Promise<AccessToken> {
    if (slot.inFlight) return slot.inFlight;
    let deadline: ReturnType<typeof setTimeout> | undefined;
    const givenUp = new Promise<never>((_, reject) => {
      deadline = setTimeout(() => {
        const error = new Error(`Entra ID issued no token for ${request.scopes.join(" ")} within ${this.acquireTimeoutMs} ms`);
        error.name = "CredentialUnavailableError"; // what the Azure clients report as a token failure
        reject(error);
      }, this.acquireTimeoutMs);
      deadline.unref?.();
    });
    slot.inFlight = Promise.race([this.inner.getToken(request.scopes, request.enableCae ? { enableCae: true } : {}), givenUp])
      .then((token) => {
        if (!token) throw new Error(`Entra ID issued no token for ${request.scopes.join(" ")}`);
        const renewed = slot.token?.expiresOnTimestamp !== token.expiresOnTimestamp;
        slot.token = token;
        this.schedule(request, slot, renewed);
        return token;
      })
      .finally(() => {
        clearTimeout(deadline);
        slot.inFlight = null;
      });
    return slot.inFlight;
  }

  private schedule(request: TokenRequest, slot: Slot, renewed: boolean): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const token = slot.token;
    if (!token) return;
    const due = Math.min(token.refreshAfterTimestamp ?? Infinity, token.expiresOnTimestamp - REFRESH_MARGIN_MS);
    // Got the same token back (MSAL answered from its cache): ask again a little later, not in a loop.
    this.refreshAt(request, slot, renewed ? due : Date.now() + RETRY_MS);
  }

  private refreshAt(request: TokenRequest, slot: Slot, at: number): void {
    // Expired by then: the next caller acquires one, as without warming.
    if (this.stopped || !slot.token || at >= slot.token.expiresOnTimestamp) return;
    slot.timer = setTimeout(
      () => {
        slot.timer = null;
        this.acquire(request, slot).catch((error: unknown) => {
          this.onRefreshFailure(request, error);
          this.refreshAt(request, slot, Date.now() + RETRY_MS);
        });
      },
      Math.max(0, at - Date.now()),
    );
    // Refreshing never keeps the process alive.
    slot.timer.unref?.();
  }
}
