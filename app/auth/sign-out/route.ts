import { NextResponse, type NextRequest } from "next/server";
import { expireCookie, isSameOriginRequest, sessionCookieSpec } from "@/lib/auth/http";
import { currentSessionToken } from "@/lib/auth/request-context";
import { endLocalSession, entraSignOutUrl } from "@/lib/auth/sign-in-flow";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  if (!isSameOriginRequest(request)) {
    return NextResponse.json({ error: "cross_site_request", message: "Sign out from Stagegate's own page." }, { status: 403 });
  }
  // If the database fails here the request fails: nobody is told "signed out" while still signed in.
  await endLocalSession(await currentSessionToken());
  const response = NextResponse.redirect(await entraSignOutUrl(request), 303);
  expireCookie(response, sessionCookieSpec());
  return response;
}
