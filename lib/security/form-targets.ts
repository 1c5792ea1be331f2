// Where a form submitted on Stagegate's pages may end up (CSP form-action): the identity provider's
// pages a browser is sent to. Sign-out posts to /auth/sign-out, which redirects to the tenant's
// end_session_endpoint, and browsers check a form's redirects against form-action too. Where that
// page is, the tenant's OpenID discovery document says (the authority host itself on Entra ID; the
// demo's emulator sends browsers to another origin), so it is read once here, as the sign-in reads
// it. Until it has been read (or when it cannot be), the authority host's origin is the target.
// Not server-only: proxy.ts uses it.

export interface FormTargetOptions {
  /** ENTRA_AUTHORITY_HOST; unset: sign-in is not configured and forms stay on Stagegate. */
  authorityHost?: string;
  /** ENTRA_TENANT_ID, whose discovery document is read. */
  tenantId?: string;
  timeoutMs: number;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  now?: () => number;
  /** How long the first requests may wait for the first read (once per process). */
  firstWaitMs?: number;
  /** How long after a failed read the next request tries again. */
  retryAfterMs?: number;
}

/** The origin of an http(s) URL, or undefined for anything else. */
function httpOrigin(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Returns the lookup proxy.ts calls per request: the form-action origins known now. The first
 * requests of a process wait up to `firstWaitMs` for the discovery document; after that, nothing
 * waits on it (a failed read is retried in the background after `retryAfterMs`).
 */
export function entraFormTargets(options: FormTargetOptions): () => Promise<string[]> {
  const authorityOrigin = httpOrigin(options.authorityHost);
  if (!authorityOrigin || !options.tenantId) return async () => (authorityOrigin ? [authorityOrigin] : []);
  const discoveryUrl = `${options.authorityHost!.replace(/\/+$/, "")}/${options.tenantId}/v2.0/.well-known/openid-configuration`;
  const doFetch = options.fetch ?? ((url, init) => fetch(url, init));
  const now = options.now ?? (() => Date.now());
  const firstWaitMs = options.firstWaitMs ?? 1000;
  const retryAfterMs = options.retryAfterMs ?? 30_000;

  let learned: string[] | undefined;
  let pending: Promise<void> | undefined;
  let failedAt: number | undefined;
  let firstWaitUntil: number | undefined;

  async function read(): Promise<void> {
    try {
      const response = await doFetch(discoveryUrl, { signal: AbortSignal.timeout(options.timeoutMs), cache: "no-store", headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(`discovery answered ${response.status}`);
      const document = (await response.json()) as Record<string, unknown>;
      learned = [document.authorization_endpoint, document.end_session_endpoint].map(httpOrigin).filter((origin): origin is string => origin !== undefined);
    } catch {
      failedAt = now();
    } finally {
      pending = undefined;
    }
  }

  const known = () => [...new Set([authorityOrigin, ...(learned ?? [])])];

  return async () => {
    if (learned) return known();
    if (!pending && (failedAt === undefined || now() - failedAt >= retryAfterMs)) {
      firstWaitUntil ??= now() + firstWaitMs;
      pending = read();
    }
    const wait = firstWaitUntil === undefined ? 0 : firstWaitUntil - now();
    if (pending && wait > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([pending, new Promise<void>((resolve) => (timer = setTimeout(resolve, wait)))]);
      clearTimeout(timer);
    }
    return known();
  };
}
