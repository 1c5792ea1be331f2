import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookie";
import { parseConfig } from "@/lib/config/schema";
import { PATH_HEADER, REQUEST_ID_HEADER, requestIdFrom } from "@/lib/log/request-id";
import { appOrigin, comesFromAppOrigin, isStateChanging } from "@/lib/security/same-origin";
import { entraFormTargets } from "@/lib/security/form-targets";
import { newNonce, securityHeaders } from "@/lib/security/security-headers";

// Header hygiene only: a request id that logs, error pages and the response share, and the
// security headers with a per-request CSP nonce. Authorization is decided by the server-side verbs.
// The same zod schema as lib/config.ts (which is server-only); the process already refused bad values at start.
const settings = parseConfig(process.env);
// Where sign-out's redirect may go: the origins of the tenant's authorize and end-session pages, as
// its discovery document names them (read once per process), and the authority host's.
const FORM_TARGETS = entraFormTargets({ authorityHost: settings.ENTRA_AUTHORITY_HOST, tenantId: settings.ENTRA_TENANT_ID, timeoutMs: settings.UPSTREAM_TIMEOUT_MS });

/** A path whose percent-encoding does not decode names nothing here; Next would answer 500. */
function hasMalformedEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

// Next refuses a larger server-action body with a 500; no form here sends more than a few kB.
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** The body's declared size is over the limit (a browser's form post always declares it). */
function isTooLarge(request: NextRequest): boolean {
  const length = Number(request.headers.get("content-length") ?? 0);
  return Number.isFinite(length) && length > MAX_REQUEST_BODY_BYTES;
}

interface Refusal {
  status: 400 | 403 | 413;
  error: string;
  message: string;
}

/** Requests answered here, before any route runs: each would otherwise be a 500 or an unsafe write. */
function refusalOf(request: NextRequest): Refusal | null {
  if (hasMalformedEncoding(request.nextUrl.pathname)) {
    return { status: 400, error: "invalid_path", message: "The address has a malformed %-escape, so it names no page. Check the link, or start from the home page." };
  }
  if (isStateChanging(request.method) && !comesFromAppOrigin(request.headers.get("origin"), appOrigin(settings.APP_BASE_URL, request.url, request.headers.get("host")))) {
    return { status: 403, error: "cross_origin", message: "Stagegate only accepts changes sent from its own pages. Open the page in Stagegate and submit the form there." };
  }
  if (isTooLarge(request)) {
    return { status: 413, error: "too_large", message: `The request is larger than ${MAX_REQUEST_BODY_BYTES / 1024 / 1024} MB, so nothing was read or changed. Shorten the text you entered and send it again.` };
  }
  return null;
}

export async function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  const https = settings.APP_BASE_URL?.startsWith("https:") ?? request.nextUrl.protocol === "https:";
  const headers = securityHeaders(newNonce(), { https, development: settings.NODE_ENV === "development", formTargets: await FORM_TARGETS() });
  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  // The 403 page words its refusal by path (app/forbidden.tsx); set here, so a caller cannot choose it.
  forwarded.set(PATH_HEADER, request.nextUrl.pathname);
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  forwarded.set("content-security-policy", headers["content-security-policy"]!);
  // Internal header a caller could forge to skip proxies in older Next.js versions.
  forwarded.delete("x-middleware-subrequest");
  // Anonymous page requests go to sign-in first. Only a convenience: the pages check the session.
  const { pathname, search } = request.nextUrl;
  const isPage = !pathname.startsWith("/api/") && !pathname.startsWith("/auth/") && !/\.[a-z0-9]+$/i.test(pathname);
  const hasSessionCookie = SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name));
  const refusal = refusalOf(request);
  const response = refusal
    ? NextResponse.json({ error: refusal.error, message: refusal.message, requestId }, { status: refusal.status, headers: { "cache-control": "no-store" } })
    : isPage && !hasSessionCookie
      ? NextResponse.redirect(new URL(`/auth/sign-in?returnTo=${encodeURIComponent(pathname + search)}`, settings.APP_BASE_URL ?? request.url), 307)
      : NextResponse.next({ request: { headers: forwarded } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
