import { NextResponse, type NextRequest } from "next/server";
import { isNotConfigured } from "@/lib/errors/upstream-error";
import { absoluteUrl, expireCookie, sessionCookieSpec, signInCookieSpec } from "@/lib/auth/http";
import { currentSessionToken } from "@/lib/auth/request-context";
import { completeSignIn, SignInError } from "@/lib/auth/sign-in-flow";
import { currentRequestId, requestLogger } from "@/lib/log/request-logger";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const signIn = signInCookieSpec();
  let response: NextResponse;
  try {
    const { sessionToken, returnTo } = await completeSignIn({
      query: request.nextUrl.searchParams,
      stateCookie: request.cookies.get(signIn.name)?.value,
      previousSessionToken: await currentSessionToken(),
      userAgent: request.headers.get("user-agent"),
      requestId: await currentRequestId(),
    });
    response = NextResponse.redirect(absoluteUrl(returnTo, request), 303);
    const session = sessionCookieSpec();
    response.cookies.set(session.name, sessionToken, session.options);
  } catch (error) {
    const failure = error instanceof SignInError ? error.failure : isNotConfigured(error) ? "not_configured" : "unavailable";
    (await requestLogger()).warn({ failure, reason: error instanceof Error ? error.message : "unknown" }, "sign-in refused");
    response = NextResponse.redirect(absoluteUrl(`/auth/error?reason=${failure}`, request), 303);
  }
  expireCookie(response, signIn);
  return response;
}
