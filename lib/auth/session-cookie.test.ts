import { describe, expect, it } from "vitest";
import { sessionCookie, signInCookie } from "./session-cookie";

describe("sign-in cookies", () => {
  it("are __Host- prefixed and Secure under https, HttpOnly and SameSite=Lax always, and never outlive a session", () => {
    expect(sessionCookie(true)).toEqual({ name: "__Host-stagegate_session", options: { httpOnly: true, sameSite: "lax", secure: true, path: "/", maxAge: 86_400 } });
    expect(sessionCookie(false)).toMatchObject({ name: "stagegate_session", options: { httpOnly: true, sameSite: "lax", secure: false } });
    expect(signInCookie(true)).toMatchObject({ name: "__Host-stagegate_signin", options: { secure: true, maxAge: 600 } });
  });
});
