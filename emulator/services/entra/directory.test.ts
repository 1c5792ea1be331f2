// The demo directory: users per role from the seed, the other organization, and app roles.
import { describe, expect, it } from "vitest";
import { scenarioIdentity } from "../../scenario/identity";
import { STAGEGATE_USER_ROLES, demoUsers } from "../../scenario/users";
import { EntraDirectory } from "./directory";

describe("Entra demo directory", () => {
  const identity = scenarioIdentity("directory-seed");
  const directory = new EntraDirectory("directory-seed", identity);

  it("derives the same users from the same seed, and other ids from another seed", () => {
    expect(demoUsers("directory-seed", identity)).toEqual(directory.users);
    const otherSeed = demoUsers("another-seed", identity);
    expect(otherSeed.map((user) => user.oid)).not.toEqual(directory.users.map((user) => user.oid));
    expect(new Set(directory.users.map((user) => user.oid)).size).toBe(directory.users.length);
  });

  it("has a user per Stagegate role, three ML leads (one for the role re-check e2e), one without a role and one of another tenant", () => {
    const home = directory.users.filter((user) => user.tenantId === identity.tenantId);
    for (const role of STAGEGATE_USER_ROLES) expect(home.some((user) => user.roles.includes(role))).toBe(true);
    expect(home.filter((user) => user.roles.includes("Stagegate.MLLead")).map((user) => user.key)).toEqual(["ml-lead", "ml-lead-2", "ml-lead-3"]);
    expect(home.filter((user) => user.roles.length === 0)).toHaveLength(1);
    expect(home.every((user) => user.username.endsWith("@contoso.com"))).toBe(true);
    const others = directory.users.filter((user) => user.tenantId !== identity.tenantId);
    expect(others).toHaveLength(1);
    expect(others[0]).toMatchObject({ tenantId: identity.otherTenantId, username: "noor.haddad@fabrikam.com" });
  });

  it("declares the app roles, with Stagegate.Pipeline for applications, held by the pipeline client", () => {
    expect(directory.appRoles.map((role) => role.value)).toEqual([...STAGEGATE_USER_ROLES, "Stagegate.Pipeline"]);
    expect(directory.appRoles.find((role) => role.value === "Stagegate.Pipeline")?.allowedMemberTypes).toEqual(["Application"]);
    expect(directory.appRoles.filter((role) => role.value !== "Stagegate.Pipeline").every((role) => role.allowedMemberTypes.join() === "User")).toBe(true);
    expect(directory.clientIn(identity.tenantId, identity.pipelineClient.clientId)?.roles).toEqual(["Stagegate.Pipeline"]);
    expect(directory.clientIn(identity.otherTenantId, identity.pipelineClient.clientId)).toBeUndefined();
    expect(directory.clientIn(identity.otherTenantId, identity.clientId.toUpperCase())?.displayName).toBe("Stagegate");
  });

  it("accepts loopback http and any https redirect URL, nothing else", () => {
    for (const accepted of ["http://127.0.0.1:3000/auth/callback", "http://localhost/cb", "https://stagegate.contoso.com/auth/callback"]) {
      expect(directory.isRegisteredRedirectUri(accepted)).toBe(true);
    }
    for (const refused of ["http://evil.example/cb", "javascript:alert(1)", "not a url", "ftp://localhost/"]) {
      expect(directory.isRegisteredRedirectUri(refused)).toBe(false);
    }
  });

  it("resolves tenants by id or domain, in any case", () => {
    expect(directory.tenant(identity.tenantId.toUpperCase())?.name).toBe("Contoso");
    expect(directory.tenant("fabrikam.com")?.tenantId).toBe(identity.otherTenantId);
    expect(directory.tenant("common")).toBeUndefined();
  });
});
