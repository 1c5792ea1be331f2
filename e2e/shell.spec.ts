import { expect, expectNoConsoleErrors, test, type Theme } from "./fixtures";

const THEMES: Theme[] = ["light", "dark"];

for (const theme of THEMES) {
  test(`overview and status pages in the ${theme} theme`, async ({ viewerPage: page, checkPage, useTheme }) => {
    await expectNoConsoleErrors(page, async () => {
      await page.goto("/");
      await useTheme(theme);
      await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
      await checkPage(`overview-${theme}`);

      // The choice survives a reload: the server renders it from the cookie.
      await page.reload();
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);

      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "System status" }).click();
      await expect(page).toHaveURL(/\/status$/);
      await expect(page.getByRole("heading", { level: 1, name: "System status" })).toBeVisible();
      await expect(page.getByTestId("database-kind")).toContainText(
        process.env.STAGEGATE_E2E_DATABASE_KIND === "postgresql" ? "PostgreSQL" : "Embedded",
      );
      await checkPage(`status-${theme}`);
    });
  });
}

test("keyboard users can skip to the content and reach the navigation", async ({ viewerPage: page }) => {
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toBeFocused();

  await page.goto("/");
  await page.waitForLoadState("networkidle");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await expect(page.getByRole("main")).toBeFocused();
  await page.keyboard.press("Tab");
  // The first link in the content: the overview lists the areas a Viewer may open, Models first.
  await expect(page.getByRole("main").getByRole("link", { name: "Models" })).toBeFocused();
});

test("an unknown page says so, with the request id from the response header", async ({ viewerPage: page, checkPage }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  const requestId = response?.headers()["x-request-id"];
  expect(requestId).toBeTruthy();
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByTestId("request-id")).toHaveText(requestId!);
  await checkPage("not-found");
});

test("health endpoints: liveness without I/O, readiness naming the database", async ({ request }) => {
  const health = await request.get("/api/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });

  const ready = await request.get("/api/readyz", { headers: { "x-request-id": "e2e-readiness-check" } });
  expect(ready.status()).toBe(200);
  expect(ready.headers()["x-request-id"]).toBe("e2e-readiness-check");
  const body = await ready.json();
  expect(body).toMatchObject({ ready: true, database: { kind: process.env.STAGEGATE_E2E_DATABASE_KIND, reachable: true } });
  expect(body.database.roundTripMs).toEqual(expect.any(Number));
  // The app reaches every upstream it is configured for (here the emulator, over HTTPS with its CA).
  expect(body.upstreams.map((upstream: { name: string }) => upstream.name)).toEqual(["entra", "mlflow", "logAnalytics", "metrics", "arm"]);
  expect(body.upstreams.every((upstream: { reachable: boolean }) => upstream.reachable)).toBe(true);
});

test("the icon answers at /favicon.ico too, without signing in", async ({ request }) => {
  const icon = await request.get("/favicon.ico", { maxRedirects: 0 });
  expect(icon.status()).toBe(307);
  expect(icon.headers().location).toBe("/icon.svg");
  const svg = await request.get("/favicon.ico");
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
});

test("security headers on a page and an API answer; the page's scripts run under the CSP nonce", async ({ viewerPage: page, request }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  const response = await page.goto("/");
  const headers = response!.headers();
  const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  for (const directive of ["'strict-dynamic'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
    expect(headers["content-security-policy"]).toContain(directive);
  }
  expect(headers).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
  expect(headers["permissions-policy"]).toContain("camera=()");
  // Next.js stamped the nonce on its scripts, and they ran: the theme switcher is interactive.
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  await page.getByLabel("Theme").selectOption("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(errors.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);

  const api = await request.get("/api/healthz");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'self'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});
