import { NextResponse, type NextRequest } from "next/server";
import { absoluteUrl, isSameOriginRequest, sessionCookieSpec } from "@/lib/auth/http";
import { currentSessionToken } from "@/lib/auth/request-context";
import { signOut } from "@/lib/auth/sign-in-flow";
import { requestLogger } from "@/lib/log/request-logger";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  if (!isSameOriginRequest(request)) {
    return NextResponse.json({ error: "cross_site_request", message: "Sign out from Stagegate's own page." }, { status: 403 });
  }
  let destination: string;
  try {
    destination = await signOut(await currentSessionToken());
  } catch (error) {
    (await requestLogger()).error({ err: error }, "sign-out could not reach Entra ID");
    destination = absoluteUrl("/auth/signed-out", request).toString();
  }
  const response = NextResponse.redirect(destination, 303);
  response.cookies.delete(sessionCookieSpec().name);
  return response;
}
