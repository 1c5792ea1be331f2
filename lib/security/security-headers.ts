// Response headers every page and API answer carries. Pure: proxy.ts applies them per request.

/** A fresh nonce for one response's scripts (128 bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

interface PolicyOptions {
  development: boolean;
  /** Origins a form submission may end up at: sign-out redirects to Entra ID's end-session page (see form-targets.ts). */
  formTargets?: string[];
}

export function contentSecurityPolicy(nonce: string, { development, formTargets = [] }: PolicyOptions): string {
  return [
    "default-src 'self'",
    // strict-dynamic: scripts the nonce'd Next.js runtime loads are trusted, nothing else is.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React and Next set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    ["form-action 'self'", ...formTargets].join(" "),
  ].join("; ");
}

export function securityHeaders(nonce: string, { https, ...policy }: PolicyOptions & { https: boolean }): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(nonce, policy),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
    ...(https ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
