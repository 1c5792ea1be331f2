import { NextResponse, type NextRequest } from "next/server";
import { isNotConfigured } from "@/lib/errors/upstream-error";
import { absoluteUrl, signInCookieSpec } from "@/lib/auth/http";
import { startSignIn } from "@/lib/auth/sign-in-flow";
import { requestLogger } from "@/lib/log/request-logger";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  try {
    const { redirectUrl, state } = await startSignIn({ returnTo: request.nextUrl.searchParams.get("returnTo") });
    const response = NextResponse.redirect(redirectUrl, 303);
    const cookie = signInCookieSpec();
    response.cookies.set(cookie.name, state, cookie.options);
    return response;
  } catch (error) {
    const failure = isNotConfigured(error) ? "not_configured" : "unavailable";
    (await requestLogger()).error({ err: error, failure }, "sign-in could not start");
    return NextResponse.redirect(absoluteUrl(`/auth/error?reason=${failure}`, request), 303);
  }
}
