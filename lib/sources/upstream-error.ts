// Shared by the upstream clients: their typed error (defined in lib/errors so pages can recognise
// it without importing a client) and the backoff they retry with.
export { isNotConfigured, isUpstreamError, UpstreamError, UpstreamNotConfiguredError } from "@/lib/errors/upstream-error";
export { settleUpstream } from "@/lib/errors/upstream-problem";

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
