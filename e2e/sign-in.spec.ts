import { can } from "../lib/auth/permissions";
import { clientCredentialsToken, DEMO_USERS, emulatorEndpoints, expect, signIn, test } from "./fixtures";

// ml-lead-3's roles change during role-recheck.spec.ts, which may run at the same time.
const WITH_ROLES = DEMO_USERS.filter((user) => user.roles.length > 0 && user.key !== "other-tenant" && user.key !== "ml-lead-3");

for (const user of WITH_ROLES) {
  test(`${user.name} (${user.roles.join(", ")}) signs in through Entra ID, sees name, roles and only the navigation the roles allow, and signs out`, async ({ page, checkPage }) => {
    await signIn(page, user.key, "/");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByTestId("signed-in-user")).toContainText(user.name);
    for (const role of user.roles) await expect(page.getByTestId("user-roles")).toContainText(role.replace("Stagegate.", ""));

    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Overview" })).toBeVisible();
    const readsMonitoring = can(user.roles, "monitoring:read");
    await expect(nav.getByRole("link", { name: "System status" })).toHaveCount(readsMonitoring ? 1 : 0);
    await checkPage(`signed-in-${user.key}`);

    // The page checks the role itself; hiding the link is not the boundary.
    const status = await page.goto("/status");
    expect(status?.status()).toBe(readsMonitoring ? 200 : 403);
    if (readsMonitoring) await expect(page.getByRole("heading", { level: 1, name: "System status" })).toBeVisible();
    else await expect(page.getByTestId("not-permitted")).toContainText("Stagegate.Viewer");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
    expect((await page.context().cookies()).filter((cookie) => cookie.name.endsWith("stagegate_session"))).toEqual([]);
    await page.goto("/");
    await expect(page.getByRole("button", { name: user.username })).toBeVisible();
  });
}

test("a newcomer's browser (no certificate exception, no flag) signs in and out, meeting the emulator's Entra ID only over http", async ({ browser }) => {
  const endpoints = emulatorEndpoints();
  const { entra, entraBrowser, tenantId } = endpoints;
  const emulatorOrigins = new Set([endpoints.entra, endpoints.entraBrowser, endpoints.mlflow, endpoints.logs, endpoints.metrics, endpoints.arm, endpoints.control].map((url) => new URL(url).origin));
  // A fresh context that does not ignore certificate errors, whatever the project's settings say.
  const context = await browser.newContext({ ignoreHTTPSErrors: false });
  const page = await context.newPage();
  const toEmulator: string[] = [];
  const navigations: string[] = [];
  const problems: string[] = [];
  page.on("request", (request) => {
    if (!emulatorOrigins.has(new URL(request.url()).origin)) return;
    toEmulator.push(`${request.method()} ${request.url()}`);
    if (request.isNavigationRequest()) navigations.push(`${request.method()} ${request.url()}`);
  });
  // A failed navigation, a certificate error, or a blocked form redirect (sign-out) would show here.
  // (Next's link prefetches aborted by a navigation are not problems.)
  page.on("requestfailed", (request) => {
    const error = request.failure()?.errorText ?? "";
    if (request.isNavigationRequest() || /CERT|SSL/i.test(error)) problems.push(`${request.url()}: ${error}`);
  });
  page.on("console", (message) => {
    if (/certificate|form-action/i.test(message.text())) problems.push(message.text());
  });

  const user = await signIn(page, "viewer", "/");
  await expect(page.getByTestId("signed-in-user")).toContainText(user.name);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  expect(problems).toEqual([]);

  const browserOrigin = new URL(entraBrowser).origin;
  expect(browserOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const paths = navigations.map((visit) => visit.replace(`${browserOrigin}/`, "/").split("?")[0]);
  expect(paths).toEqual([`GET /${tenantId}/oauth2/v2.0/authorize`, `POST /${tenantId}/login`, `GET /${tenantId}/oauth2/v2.0/logout`]);
  expect(toEmulator.filter((visit) => !visit.split(" ")[1]!.startsWith(`${browserOrigin}/`))).toEqual([]);

  // The same browser would have failed on the emulator's HTTPS listener: its CA is unknown here.
  await expect(page.goto(`${entra}/${tenantId}/v2.0/.well-known/openid-configuration`)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
  await context.close();
});

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

test("the pipeline API: 401 JSON without a token, the caller's identity with a Stagegate.Pipeline token, 403 with another app's", async ({ request }) => {
  const anonymous = await request.get("/api/v1/identity");
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ error: "unauthorized", reason: "missing_token" });

  const { pipelineClient, clientId, clientSecret } = emulatorEndpoints();
  const tokenFor = (id: string, secret: string) => clientCredentialsToken(request, id, secret);
  const pipeline = await request.get("/api/v1/identity", { headers: { authorization: `Bearer ${await tokenFor(pipelineClient.clientId, pipelineClient.clientSecret)}` } });
  expect(pipeline.status()).toBe(200);
  expect(await pipeline.json()).toMatchObject({ appId: pipelineClient.clientId, roles: ["Stagegate.Pipeline"] });
  // Who the caller is must never be kept by a shared cache.
  expect(pipeline.headers()["cache-control"]).toBe("no-store");

  const otherApp = await request.get("/api/v1/identity", { headers: { authorization: `Bearer ${await tokenFor(clientId, clientSecret)}` } });
  expect(otherApp.status()).toBe(403);
  expect(await otherApp.json()).toMatchObject({ error: "forbidden", reason: "missing_permission:gate-api:read" });

  const forged = await request.get("/api/v1/identity", { headers: { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0." } });
  expect(forged.status()).toBe(401);
});

test("an authorization code replayed into a fresh sign-in is refused by Entra ID, and a replayed callback too", async ({ page }) => {
  let callback: string | undefined;
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/auth/callback") callback = request.url();
  });
  await signIn(page, "viewer");
  expect(callback).toBeTruthy();
  await page.goto(callback!);
  await expect(page).toHaveURL(/\/auth\/error\?reason=(state_mismatch|expired)$/);
  await expect(page.getByTestId("request-id")).not.toBeEmpty();

  // A new sign-in gets its own state and cookie; the old code sent with them reaches Entra ID again.
  await page.goto("/auth/sign-in");
  const freshState = new URL(page.url()).searchParams.get("state")!;
  const oldCode = new URL(callback!).searchParams.get("code")!;
  await page.goto(`/auth/callback?code=${encodeURIComponent(oldCode)}&state=${encodeURIComponent(freshState)}`);
  await expect(page).toHaveURL(/\/auth\/error\?reason=entra_error$/);
});

test("sign-out refuses a cross-site POST (Origin of another site)", async ({ request }) => {
  const response = await request.post("/auth/sign-out", { headers: { origin: "https://evil.example" }, maxRedirects: 0 });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ error: "cross_origin", requestId: expect.any(String) });
});
