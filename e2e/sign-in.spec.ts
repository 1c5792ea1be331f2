import { DEMO_USERS, expect, signIn, test } from "./fixtures";

const WITH_ROLES = DEMO_USERS.filter((user) => user.roles.length > 0 && user.key !== "other-tenant");

for (const user of WITH_ROLES) {
  test(`${user.name} (${user.roles.join(", ")}) signs in through Entra ID, sees name, roles and navigation, and signs out`, async ({ page, checkPage }) => {
    await signIn(page, user.key, "/status");
    await expect(page).toHaveURL(/\/status$/);
    const header = page.getByTestId("signed-in-user");
    await expect(header).toContainText(user.name);
    for (const role of user.roles) await expect(page.getByTestId("user-roles")).toContainText(role.replace("Stagegate.", ""));
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "System status" })).toBeVisible();
    await checkPage(`signed-in-${user.key}`);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("button", { name: user.username })).toBeVisible();
  });
}

test("a user with no Stagegate role lands on the page naming the roles to ask for", async ({ page, checkPage }) => {
  const user = DEMO_USERS.find((candidate) => candidate.key === "no-role")!;
  await signIn(page, user.key);
  await expect(page).toHaveURL(/\/no-role$/);
  await expect(page.getByRole("heading", { name: "You need a Stagegate role" })).toBeVisible();
  await expect(page.getByTestId("roles-to-ask-for")).toContainText("Stagegate.Viewer");
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await page.goto("/status");
  await expect(page).toHaveURL(/\/no-role$/);
  await checkPage("no-role");
});

test("a user of another tenant is refused with a clear message", async ({ page, checkPage }) => {
  await signIn(page, "other-tenant");
  await expect(page).toHaveURL(/\/auth\/error\?reason=tenant_not_allowed$/);
  await expect(page.getByRole("heading", { name: "Your organization cannot use this Stagegate" })).toBeVisible();
  await expect(page.getByTestId("request-id")).not.toBeEmpty();
  await checkPage("sign-in-refused-other-tenant");
  await page.goto("/");
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
});

test("sessions: HttpOnly, SameSite=Lax cookie; a tampered cookie signs the user out", async ({ page, context }) => {
  await signIn(page, "viewer");
  const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("stagegate_session"))!;
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  const tampered = session.value.slice(0, -1) + (session.value.endsWith("A") ? "B" : "A");
  await context.addCookies([{ ...session, value: tampered }]);
  await page.goto("/status");
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "maya.patel@contoso.com" })).toBeVisible();
});

test("returnTo accepts only same-site paths", async ({ page }) => {
  await page.goto("/auth/sign-in?returnTo=https://evil.example/");
  await page.getByRole("button", { name: DEMO_USERS.find((user) => user.key === "viewer")!.username }).click();
  await page.waitForURL((url) => url.pathname === "/");
  expect(new URL(page.url()).host).toBe(new URL(process.env.STAGEGATE_E2E_BASE_URL!).host);
});
