// The typed error every upstream client throws: it names the upstream and says whether trying
// again later can help, so pages degrade instead of failing. Recognised by its `kind` field, never
// by instanceof: Next bundles this module more than once, and each copy has its own class.

export class UpstreamError extends Error {
  readonly kind = "upstream";

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

export const NOT_CONFIGURED = "NOT_CONFIGURED";

/** The one "not configured" error: an upstream error, so every page renders it as the same panel. */
export class UpstreamNotConfiguredError extends UpstreamError {
  constructor(upstream: string, message: string, readonly missing: readonly string[] = []) {
    super(upstream, message, undefined, NOT_CONFIGURED, false);
    this.name = "UpstreamNotConfiguredError";
  }
}

export function isUpstreamError(error: unknown, upstream?: string): error is UpstreamError {
  return hasKind(error, "upstream") && (upstream === undefined || (error as UpstreamError).upstream === upstream);
}

export function isNotConfigured(error: unknown): error is UpstreamNotConfiguredError {
  return isUpstreamError(error) && error.code === NOT_CONFIGURED;
}

export function hasKind(error: unknown, kind: string): boolean {
  return typeof error === "object" && error !== null && (error as { kind?: unknown }).kind === kind;
}
