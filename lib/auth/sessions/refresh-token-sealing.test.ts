import { describe, expect, it } from "vitest";
import { refreshTokenSealer } from "./refresh-token-sealing";

const TOKEN = "1.AXkA-refresh-token-text";

describe("refreshTokenSealer", () => {
  const sealer = refreshTokenSealer("client-secret-value");

  it("seals so the text does not show the token, and opens it for the same user", () => {
    const sealed = sealer.seal(TOKEN, "user-1");
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("refresh-token-text");
    expect(sealer.open(sealed, "user-1")).toBe(TOKEN);
    // A fresh IV each time: the same token never seals to the same text.
    expect(sealer.seal(TOKEN, "user-1")).not.toBe(sealed);
  });

  it("does not open for another user, under another client secret, or once altered", () => {
    const sealed = sealer.seal(TOKEN, "user-1");
    expect(sealer.open(sealed, "user-2")).toBeNull();
    expect(refreshTokenSealer("rotated-secret-value").open(sealed, "user-1")).toBeNull();
    const bytes = Buffer.from(sealed.slice(3), "base64url");
    bytes[20] = bytes[20]! ^ 1;
    expect(sealer.open(`v1.${bytes.toString("base64url")}`, "user-1")).toBeNull();
    expect(sealer.open("v2.abc", "user-1")).toBeNull();
    expect(sealer.open("v1.", "user-1")).toBeNull();
  });
});
