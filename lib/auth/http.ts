import "server-only";
import { getConfig } from "@/lib/config";
import { appOrigin, comesFromAppOrigin } from "@/lib/security/same-origin";
import { sessionCookie, signInCookie, type CookieSpec } from "./session-cookie";

function servedOverHttps(): boolean {
  return getConfig().APP_BASE_URL?.startsWith("https:") ?? false;
}

export const sessionCookieSpec = () => sessionCookie(servedOverHttps());
export const signInCookieSpec = () => signInCookie(servedOverHttps());

/** Deletes a cookie with the flags it was set with: browsers ignore a __Host- deletion without Secure. */
export function expireCookie(response: { cookies: { set(name: string, value: string, options: object): unknown } }, spec: CookieSpec): void {
  response.cookies.set(spec.name, "", { ...spec.options, maxAge: 0 });
}

/** A mutating request must come from our own pages: its Origin is the app's own (see lib/security/same-origin.ts). */
export function isSameOriginRequest(request: Request): boolean {
  return comesFromAppOrigin(request.headers.get("origin"), appOrigin(getConfig().APP_BASE_URL, request.url, request.headers.get("host")));
}

export function absoluteUrl(path: string, request: Request): URL {
  return new URL(path, getConfig().APP_BASE_URL ?? request.url);
}
