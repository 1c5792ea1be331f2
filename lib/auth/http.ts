import "server-only";
import { getConfig } from "@/lib/config";
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

/** A mutating request must come from our own pages: Origin, or else Sec-Fetch-Site, says so. */
export function isSameOriginRequest(request: Request): boolean {
  const origin = request.headers.get("origin");
  const base = getConfig().APP_BASE_URL;
  if (origin) return base ? origin === new URL(base).origin : origin === new URL(request.url).origin;
  return request.headers.get("sec-fetch-site") === "same-origin";
}

export function absoluteUrl(path: string, request: Request): URL {
  return new URL(path, getConfig().APP_BASE_URL ?? request.url);
}
