import { describe, expect, it } from "vitest";
import { requestIdFrom } from "./request-id";

describe("requestIdFrom", () => {
  it("keeps a well-formed incoming id", () => {
    expect(requestIdFrom("gateway-1234abcd")).toBe("gateway-1234abcd");
  });

  it("replaces a missing, short or unsafe id with a fresh uuid", () => {
    for (const bad of [null, "", "short", "has space in it", "x".repeat(129), "<script>alert(1)</script>"]) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
