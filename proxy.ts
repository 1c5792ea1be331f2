import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/log/request-id";
import { newNonce, securityHeaders } from "@/lib/security/security-headers";

// Header hygiene only: a request id that logs, error pages and the response share, and the
// security headers with a per-request CSP nonce. Authorization is decided by the server-side verbs.
export function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const headers = securityHeaders(newNonce(), { https, development: process.env.NODE_ENV === "development" });
  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  forwarded.set("content-security-policy", headers["content-security-policy"]!);
  // Internal header a caller could forge to skip proxies in older Next.js versions.
  forwarded.delete("x-middleware-subrequest");
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
