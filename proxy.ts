import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookie";
import { parseConfig } from "@/lib/config/schema";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/log/request-id";
import { newNonce, securityHeaders } from "@/lib/security/security-headers";

// Header hygiene only: a request id that logs, error pages and the response share, and the
// security headers with a per-request CSP nonce. Authorization is decided by the server-side verbs.
// The same zod schema as lib/config.ts (which is server-only); the process already refused bad values at start.
const settings = parseConfig(process.env);
const FORM_TARGETS = settings.ENTRA_AUTHORITY_HOST ? [new URL(settings.ENTRA_AUTHORITY_HOST).origin] : [];

export function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  const https = settings.APP_BASE_URL?.startsWith("https:") ?? request.nextUrl.protocol === "https:";
  const headers = securityHeaders(newNonce(), { https, development: settings.NODE_ENV === "development", formTargets: FORM_TARGETS });
  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  forwarded.set("content-security-policy", headers["content-security-policy"]!);
  // Internal header a caller could forge to skip proxies in older Next.js versions.
  forwarded.delete("x-middleware-subrequest");
  // Anonymous page requests go to sign-in first. Only a convenience: the pages check the session.
  const { pathname, search } = request.nextUrl;
  const isPage = !pathname.startsWith("/api/") && !pathname.startsWith("/auth/") && !/\.[a-z0-9]+$/i.test(pathname);
  const hasSessionCookie = SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name));
  const response =
    isPage && !hasSessionCookie
      ? NextResponse.redirect(new URL(`/auth/sign-in?returnTo=${encodeURIComponent(pathname + search)}`, settings.APP_BASE_URL ?? request.url), 307)
      : NextResponse.next({ request: { headers: forwarded } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
