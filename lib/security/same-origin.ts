// A state-changing request must come from Stagegate's own pages. Browsers send Origin on every
// POST, so a missing one is refused too; Sec-Fetch-Site and X-Forwarded-Host are not trusted (a
// script can set them, and Next's own server-action check trusts X-Forwarded-Host).

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isStateChanging(method: string): boolean {
  return STATE_CHANGING.has(method.toUpperCase());
}

/**
 * The app's own origin: APP_BASE_URL's when set (behind a proxy it is the only trustworthy
 * source), else the scheme and Host header the server itself received.
 */
export function appOrigin(appBaseUrl: string | undefined, requestUrl: string, hostHeader: string | null): string {
  if (appBaseUrl) return new URL(appBaseUrl).origin;
  const url = new URL(requestUrl);
  return hostHeader ? `${url.protocol}//${hostHeader}` : url.origin;
}

/** Whether the request's Origin is exactly the app's own. */
export function comesFromAppOrigin(originHeader: string | null, ownOrigin: string): boolean {
  if (!originHeader || originHeader === "null") return false;
  try {
    return new URL(originHeader).origin === ownOrigin;
  } catch {
    return false;
  }
}
