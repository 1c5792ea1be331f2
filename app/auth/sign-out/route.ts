import { NextResponse, type NextRequest } from "next/server";
import { expireCookie, isSameOriginRequest, sessionCookieSpec } from "@/lib/auth/http";
import { currentSessionToken } from "@/lib/auth/request-context";
import { endLocalSession, entraSignOutUrl } from "@/lib/auth/sign-in-flow";
import { errorJson } from "@/lib/http/error-response";
import { currentRequestId } from "@/lib/log/request-logger";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  if (!isSameOriginRequest(request)) {
    // The proxy refuses it first; this stays so the route is safe on its own.
    return errorJson(403, { error: "cross_origin", message: "Sign out from Stagegate's own page.", requestId: await currentRequestId() });
  }
  // If the database fails here the request fails: nobody is told "signed out" while still signed in.
  await endLocalSession(await currentSessionToken());
  const response = NextResponse.redirect(await entraSignOutUrl(request), 303);
  expireCookie(response, sessionCookieSpec());
  return response;
}
