import { describe, expect, it } from "vitest";
import { appOrigin, comesFromAppOrigin, isStateChanging } from "./same-origin";

describe("same-origin check for state-changing requests", () => {
  const own = appOrigin("http://127.0.0.1:3000", "http://evil.example/x", "evil.example");

  it("takes the app's origin from APP_BASE_URL, never from the request's forwarded host", () => {
    expect(own).toBe("http://127.0.0.1:3000");
    expect(appOrigin(undefined, "http://127.0.0.1:3000/admin", "127.0.0.1:3000")).toBe("http://127.0.0.1:3000");
  });

  it("accepts only the app's own Origin; a missing, null, evil or malformed one is refused", () => {
    expect(comesFromAppOrigin("http://127.0.0.1:3000", own)).toBe(true);
    for (const origin of [null, "null", "https://evil.example", "http://127.0.0.1:3001", "http://127.0.0.1:3000.evil.example", "not a url"]) {
      expect(comesFromAppOrigin(origin, own), String(origin)).toBe(false);
    }
  });

  it("treats POST, PUT, PATCH and DELETE as state-changing, GET and HEAD not", () => {
    expect(["POST", "put", "PATCH", "DELETE"].every(isStateChanging)).toBe(true);
    expect(["GET", "HEAD", "OPTIONS"].some(isStateChanging)).toBe(false);
  });
});
