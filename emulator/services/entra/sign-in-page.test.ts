// @vitest-environment jsdom
// The account picker as a browser parses it: every demo user with roles, accessible controls, and
// request values shown as text, never as markup.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STAGEGATE_USER_ROLES } from "../../scenario/users";
import { REDIRECT_URI, authorizeUrl, pickAccount, pkcePair, startEntraForTest, visit, type EntraUnderTest } from "./entra-test-harness";

const parse = (html: string) => new DOMParser().parseFromString(html, "text/html");

describe("Entra account picker", () => {
  let entra: EntraUnderTest;
  const { challenge } = pkcePair();

  beforeAll(async () => {
    entra = await startEntraForTest();
  });
  afterAll(() => entra.stop());

  async function openPicker(overrides: Record<string, string | null> = {}) {
    const page = await visit(authorizeUrl(entra.authority, entra.context.identity.clientId, challenge, overrides));
    expect(page.status).toBe(200);
    return parse(page.html);
  }

  it("lists every demo user with user name and roles, and marks the other organization's user", async () => {
    const document = await openPicker();
    expect(document.documentElement.lang).toBe("en");
    expect(document.querySelector("h1")?.textContent).toBe("Pick an account");
    const buttons = [...document.querySelectorAll<HTMLButtonElement>("button[name=user]")];
    expect(buttons.map((button) => button.value).sort()).toEqual(entra.entra.directory.users.map((user) => user.oid).sort());
    for (const user of entra.entra.directory.users) {
      const button = buttons.find((candidate) => candidate.value === user.oid)!;
      expect(button.type).toBe("submit");
      expect(button.textContent).toContain(user.displayName);
      expect(button.textContent).toContain(user.username);
      const details = document.getElementById(button.getAttribute("aria-describedby")!)!.textContent!;
      if (user.roles.length === 0) expect(details).toContain("No Stagegate role");
      for (const role of user.roles) expect(details).toContain(role);
      expect(details.includes("From another organization: Fabrikam")).toBe(user.key === "other-tenant");
    }
    const shownRoles = [...document.querySelectorAll("code")].map((code) => code.textContent);
    for (const role of STAGEGATE_USER_ROLES) expect(shownRoles).toContain(role);
    expect(document.querySelector("button[name=cancel]")?.textContent).toBe("Cancel sign-in");
  });

  it("uses no external assets", async () => {
    const document = await openPicker();
    expect(document.querySelectorAll("link, script[src], img, iframe")).toHaveLength(0);
  });

  it("highlights and focuses the login_hint user", async () => {
    const document = await openPicker({ login_hint: entra.user("finops").username.toUpperCase(), prompt: "login" });
    const suggested = document.querySelector<HTMLButtonElement>("li.suggested button[name=user]")!;
    expect(suggested.value).toBe(entra.user("finops").oid);
    expect(suggested.hasAttribute("autofocus")).toBe(true);
    expect(document.querySelectorAll("li.suggested")).toHaveLength(1);
  });

  it("shows request values as text, never as markup", async () => {
    const attack = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
    const picker = await openPicker({ login_hint: attack });
    expect(picker.querySelectorAll("script, img")).toHaveLength(0);
    expect(picker.querySelector("[role=status]")?.textContent).toContain(attack);

    const handBack = await pickAccount(authorizeUrl(entra.authority, entra.context.identity.clientId, challenge, { response_mode: "form_post", state: attack }), entra.user("viewer"));
    const form = parse(handBack.html);
    expect(form.querySelectorAll("img")).toHaveLength(0);
    expect(form.querySelector<HTMLInputElement>("input[name=state]")?.value).toBe(attack);
    expect(form.querySelector("form")?.getAttribute("action")).toBe(REDIRECT_URI);
  });

  it("renders names with apostrophes and accents intact", async () => {
    const document = await openPicker();
    const names = [...document.querySelectorAll(".name")].map((name) => name.textContent);
    expect(names).toContain("Liam O'Connor");
    expect(names).toContain("Tomás Ortega");
  });

  it("sends the user back with access_denied when the sign-in is cancelled", async () => {
    const picker = await visit(authorizeUrl(entra.authority, entra.context.identity.clientId, challenge));
    const context = parse(picker.html).querySelector<HTMLInputElement>("input[name=ctx]")!.value;
    const cancelled = await visit(`${entra.authority}/login`, { form: { ctx: context, cancel: "1" } });
    const location = new URL(cancelled.location!);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("state-123");
  });
});
