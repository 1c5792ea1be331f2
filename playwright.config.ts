import { defineConfig } from "@playwright/test";

// Started by scripts/e2e.mjs, which builds and starts Stagegate and passes its URL.
const baseURL = process.env.STAGEGATE_E2E_BASE_URL;
if (!baseURL) {
  throw new Error("Run the browser tests with `npm run test:e2e` (it starts Stagegate and sets STAGEGATE_E2E_BASE_URL).");
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: [
    ["list"],
    ["json", { outputFile: "test-results/e2e-results.json" }],
    ["html", { open: "never", outputFolder: "playwright-report" }],
  ],
  use: {
    baseURL,
    trace: "retain-on-failure",
    // No ignoreHTTPSErrors: the browser signs in as a newcomer's does, on the emulator's plain-HTTP
    // sign-in pages (its discovery document sends browsers there). Specs that call the emulator's
    // HTTPS APIs directly (control, MLflow, ARM, token) pass ignoreHTTPSErrors on those requests.
    screenshot: "only-on-failure",
    viewport: { width: 1366, height: 900 },
    launchOptions: {
      // Debian's Chromium; Playwright's own browser download is not reachable offline.
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // Rollouts move churn_xgb's champion and the endpoint's traffic, which other specs read: they run
  // last, one spec at a time (a project each), after the default project approved v7. Monitoring
  // marks that approval on its time axes, so it runs once the default project is done, and alone:
  // beside the rollout specs the emulator's single-threaded KQL engine answered its fleet reads past
  // the app's 5 s Log Analytics timeout on this 2-core machine.
  projects: [
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: /(rollouts|rollout-drafts|monitoring)\.spec\.ts/ },
    { name: "monitoring", use: { browserName: "chromium" }, testMatch: /monitoring\.spec\.ts/, dependencies: ["chromium"] },
    { name: "rollout-drafts", use: { browserName: "chromium" }, testMatch: /rollout-drafts\.spec\.ts/, dependencies: ["monitoring"] },
    { name: "rollouts", use: { browserName: "chromium" }, testMatch: /rollouts\.spec\.ts/, dependencies: ["rollout-drafts"] },
  ],
});
