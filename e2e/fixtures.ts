import { appendFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";

export type Theme = "light" | "dark";

const BODY_BACKGROUND: Record<Theme, string> = { light: "rgb(255, 255, 255)", dark: "rgb(11, 16, 32)" };

export interface DemoUser {
  key: string;
  name: string;
  username: string;
  tenantId: string;
  roles: string[];
}

/** The emulator's demo users, as scripts/e2e.mjs read them from endpoints.json. */
export const DEMO_USERS: DemoUser[] = JSON.parse(process.env.STAGEGATE_E2E_USERS ?? "[]");

export function demoUser(key: string): DemoUser {
  const user = DEMO_USERS.find((candidate) => candidate.key === key);
  if (!user) throw new Error(`no demo user "${key}" (known: ${DEMO_USERS.map((candidate) => candidate.key).join(", ")})`);
  return user;
}

/** Notes a secret the browser saw, so the run can check the app never logged it. */
export function recordSecret(value: string | undefined | null): void {
  if (value && process.env.STAGEGATE_E2E_SECRETS_FILE) appendFileSync(process.env.STAGEGATE_E2E_SECRETS_FILE, `${value}\n`);
}

/** Signs in through the emulator's Entra ID page, as a person would: open a page, pick the account. */
export async function signIn(page: Page, key: string, path = "/"): Promise<DemoUser> {
  const user = demoUser(key);
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/auth/callback") recordSecret(url.searchParams.get("code"));
  });
  await page.goto(path);
  await page.getByRole("button", { name: user.username }).click();
  const app = new URL(process.env.STAGEGATE_E2E_BASE_URL!).origin;
  await page.waitForURL((url) => url.origin === app && !url.pathname.startsWith("/auth/callback"));
  for (const cookie of await page.context().cookies()) if (cookie.name.includes("stagegate_s")) recordSecret(cookie.value);
  return user;
}

/** Scans a page with axe (WCAG 2.1 A/AA) expecting no violation, and keeps a full-page screenshot as an artifact. */
export async function checkPage(page: Page, name: string): Promise<void> {
  const testInfo = base.info();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const violations = results.violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
  expect(violations, `axe violations on ${name}`).toEqual([]);
}

interface Fixtures {
  /** Scans the page with axe (WCAG 2.1 A/AA) expecting no violation, and keeps a full-page screenshot. */
  checkPage: (name: string) => Promise<void>;
  useTheme: (theme: Theme) => Promise<void>;
  /** A page already signed in as the Viewer demo user. */
  viewerPage: Page;
}

export const test = base.extend<Fixtures>({
  checkPage: async ({ page }, provide) => {
    await provide((name) => checkPage(page, name));
  },
  viewerPage: async ({ page }, provide) => {
    await signIn(page, "viewer");
    await expect(page.getByTestId("signed-in-user")).toBeVisible();
    await provide(page);
  },
  useTheme: async ({ page }, provide) => {
    await provide(async (theme) => {
      await page.getByLabel("Theme").selectOption(theme);
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      // The palette really switched, not only the attribute.
      await expect(page.locator("body")).toHaveCSS("background-color", BODY_BACKGROUND[theme]);
    });
  },
});

export { expect };

export async function expectNoConsoleErrors(page: Page, run: () => Promise<void>) {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await run();
  expect(errors).toEqual([]);
}

/** The emulator's endpoints.json, as scripts/e2e.mjs passed it. */
export function emulatorEndpoints() {
  return JSON.parse(process.env.STAGEGATE_E2E_ENDPOINTS!) as {
    /** Entra ID on HTTPS (the emulator's CA): discovery, keys, token. */
    entra: string;
    /** Entra ID's sign-in and sign-out pages on plain HTTP (loopback), where its discovery sends browsers. */
    entraBrowser: string;
    mlflow: string;
    logs: string;
    metrics: string;
    arm: string;
    control: string;
    subscriptionId: string;
    resourceGroup: string;
    workspace: string;
    tenantId: string;
    appIdUri: string;
    clientId: string;
    clientSecret: string;
    pipelineClient: { clientId: string; clientSecret: string };
  };
}

/** An access token for Stagegate's API from the emulator's Entra ID, as a CI pipeline gets one. */
export async function clientCredentialsToken(request: APIRequestContext, clientId: string, clientSecret: string, resource?: string): Promise<string> {
  const { entra, tenantId, appIdUri } = emulatorEndpoints();
  const response = await request.post(`${entra}/${tenantId}/oauth2/v2.0/token`, {
    form: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope: `${resource ?? appIdUri}/.default` },
    ignoreHTTPSErrors: true,
  });
  const token = (await response.json()).access_token as string;
  recordSecret(token);
  return token;
}
