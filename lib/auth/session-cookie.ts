// Names and flags of the cookies sign-in uses. Under https the __Host- prefix pins them to this
// origin (Secure, Path=/, no Domain).
export interface CookieSpec {
  name: string;
  options: { httpOnly: true; sameSite: "lax"; secure: boolean; path: "/"; maxAge: number };
}

export function sessionCookie(https: boolean): CookieSpec {
  return { name: https ? "__Host-stagegate_session" : "stagegate_session", options: { httpOnly: true, sameSite: "lax", secure: https, path: "/", maxAge: 24 * 3600 } };
}

/** Binds a sign-in in flight to this browser (login CSRF): its value is the state sent to Entra. */
export function signInCookie(https: boolean): CookieSpec {
  return { name: https ? "__Host-stagegate_signin" : "stagegate_signin", options: { httpOnly: true, sameSite: "lax", secure: https, path: "/", maxAge: 600 } };
}

/** Every cookie name a session may be read from, for the proxy's anonymous check. */
export const SESSION_COOKIE_NAMES = ["__Host-stagegate_session", "stagegate_session"];
