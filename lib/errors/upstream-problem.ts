import { isNotConfigured, isUpstreamError } from "./upstream-error";

/** An upstream failure as plain data a page can render (pages get no error objects). */
export interface UpstreamProblem {
  upstream: string;
  message: string;
  /** Stagegate lacks the settings to reach it: retrying will not help, configuring will. */
  notConfigured: boolean;
  missing: readonly string[];
}

export function upstreamProblem(error: unknown): UpstreamProblem | null {
  if (!isUpstreamError(error)) return null;
  return { upstream: error.upstream, message: error.message, notConfigured: isNotConfigured(error), missing: isNotConfigured(error) ? error.missing : [] };
}

/** A read whose upstream failure the page shows in place (value null, the problem said) rather than failing the page. */
export async function settleUpstream<T>(read: () => Promise<T>): Promise<{ value: T; problem: null } | { value: null; problem: UpstreamProblem }> {
  try {
    return { value: await read(), problem: null };
  } catch (error) {
    const problem = upstreamProblem(error);
    if (problem) return { value: null, problem };
    throw error;
  }
}
