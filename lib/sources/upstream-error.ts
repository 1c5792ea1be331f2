// The typed error every upstream client throws: it names the upstream, and says whether trying
// again later can help, so pages can degrade instead of failing.

export class UpstreamError extends Error {
  constructor(
    readonly upstream: string,
    message: string,
    readonly status: number | undefined,
    readonly code: string,
    /** 429, 5xx, timeouts and refused connections: the same call may work later. */
    readonly transient: boolean,
  ) {
    super(message);
    this.name = "UpstreamError";
  }
}

/** How long to wait before attempt `attempt` (1-based): Retry-After when given, else capped exponential backoff with jitter. */
export function backoffMs(attempt: number, retryAfterHeader: string | null, capMs = 8000): number {
  if (retryAfterHeader) {
    const seconds = Number(retryAfterHeader);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, capMs * 4);
    const date = Date.parse(retryAfterHeader);
    if (!Number.isNaN(date)) return Math.min(Math.max(0, date - Date.now()), capMs * 4);
  }
  const base = Math.min(capMs, 200 * 2 ** (attempt - 1));
  return Math.round(base / 2 + Math.random() * (base / 2));
}

/** A read whose upstream failure the page shows in place (value null, the problem said) rather than failing the page. */
export async function settleUpstream<T>(read: () => Promise<T>): Promise<{ value: T; problem: null } | { value: null; problem: string }> {
  try {
    return { value: await read(), problem: null };
  } catch (error) {
    if (error instanceof UpstreamError) return { value: null, problem: error.message };
    throw error;
  }
}
