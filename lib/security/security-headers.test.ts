import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("gives each response its own nonce", () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("allows only nonce'd scripts, no plugins, no base rewriting, no framing", () => {
    const csp = contentSecurityPolicy("abc", { development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
  });

  it("lets forms end at the sign-out page of the identity provider, and nowhere else", () => {
    expect(contentSecurityPolicy("n", { development: false, formTargets: ["https://login.microsoftonline.com"] })).toContain(
      "form-action 'self' https://login.microsoftonline.com",
    );
  });

  it("sends HSTS only over https", () => {
    expect(securityHeaders("n", { https: true, development: false })["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(securityHeaders("n", { https: false, development: false })).not.toHaveProperty("strict-transport-security");
  });
});
