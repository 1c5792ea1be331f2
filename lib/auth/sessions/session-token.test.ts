import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isWellFormedSessionToken, newSessionToken, sessionIdOf } from "./session-token";

describe("session tokens", () => {
  it("are 32 random bytes in unpadded base64url, never repeated", () => {
    const tokens = Array.from({ length: 100 }, newSessionToken);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(isWellFormedSessionToken(token)).toBe(true);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("are stored as their sha256 hex, which does not contain the token", () => {
    const token = newSessionToken();
    expect(sessionIdOf(token)).toBe(createHash("sha256").update(token).digest("hex"));
    expect(sessionIdOf(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionIdOf(token)).not.toContain(token);
  });

  it.each(["", "short", `${newSessionToken()}x`, `${newSessionToken().slice(0, 42)}=`, `${newSessionToken().slice(0, 42)}+`])(
    "refuses %j as a token we could not have issued",
    (value) => {
      expect(isWellFormedSessionToken(value)).toBe(false);
    },
  );
});
