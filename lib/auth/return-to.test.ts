import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./return-to";

describe("safeReturnTo", () => {
  it("keeps a path on this site with its query", () => {
    expect(safeReturnTo("/status?range=24h")).toBe("/status?range=24h");
  });

  it("sends anything that could leave the site, or loop through sign-in, to the overview", () => {
    for (const bad of [null, "", "https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "status", "/a\nb", "/auth/callback", `/${"a".repeat(600)}`]) {
      expect(safeReturnTo(bad)).toBe("/");
    }
  });
});
