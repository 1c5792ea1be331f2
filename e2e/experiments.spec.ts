// The experiments pages as a Viewer: the list, an experiment's runs (sort, filter, paging, sweeps)
// and a run with its metric history, against the emulator's scenario. Run names and notes are
// untrusted: the scenario's XSS run name must show as text and never run.
import type { Page } from "@playwright/test";
import { EXPERIMENT_PLANS } from "../emulator/scenario/registry/catalog-experiments";
import { XSS_RUN_NAME } from "../emulator/scenario/registry/catalog-models";
import { expect, test } from "./fixtures";

const CHURN = "/Shared/churn/xgb-training";
const SWEEPS = "/Shared/churn/hyperparameter-sweeps";

/** Fails the test if any injected script ran: the payloads set window.__stagegateXss or open dialogs. */
async function guardAgainstScripts(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return async () => {
    expect(await page.evaluate(() => (window as unknown as { __stagegateXss?: unknown }).__stagegateXss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  };
}

/**
 * Fails on script errors and on failed requests for these pages. Navigation links to areas other
 * branches build are prefetched and may 404 until those ship, so only /experiments URLs count.
 */
async function expectCleanPages(page: Page, run: () => Promise<void>) {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) problems.push(message.text());
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname.startsWith("/experiments")) problems.push(`${response.status()} ${response.url()}`);
  });
  await run();
  expect(problems).toEqual([]);
}

async function openExperiment(page: Page, name: string) {
  await page.goto("/experiments");
  await page.getByTestId("experiments-table").getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

function numbers(texts: string[]): number[] {
  return texts.map((text) => text.trim()).filter((text) => text !== "—").map(Number);
}

async function columnValues(page: Page, column: string): Promise<string[]> {
  return page.locator(`[data-testid=run-row] td[data-column="${column}"]`).allTextContents();
}

test("the experiments list shows the scenario's experiments, searchable and sortable by name", async ({ viewerPage: page, checkPage }) => {
  await expectCleanPages(page, async () => {
    await page.goto("/experiments");
    await expect(page.getByRole("heading", { level: 1, name: "Experiments" })).toBeVisible();
    const table = page.getByTestId("experiments-table");
    for (const plan of EXPERIMENT_PLANS.filter((candidate) => !candidate.deleted)) {
      await expect(table.getByRole("link", { name: plan.name, exact: true })).toBeVisible();
    }
    // Deleted experiments are not listed; owners and teams are.
    await expect(table.getByRole("link", { name: "/Shared/churn/legacy-logreg" })).toHaveCount(0);
    await expect(table.getByRole("row").filter({ hasText: CHURN }).getByText("ana.silva@telco.example")).toBeVisible();
    await expect(page.getByTestId("as-of")).toContainText("From MLflow");
    await checkPage("experiments");

    await page.getByLabel("Search experiments by name").fill("fraud");
    await page.getByLabel("Search experiments by name").press("Enter");
    await expect(page).toHaveURL(/[?&]q=fraud/);
    await expect(table.getByRole("row")).toHaveCount(4); // the header and three fraud experiments
    for (const name of await table.locator("tbody th").allTextContents()) expect(name).toContain("fraud");

    await table.getByRole("link", { name: /^Name/ }).click();
    await expect(page).toHaveURL(/order=name\+ASC/);
    await expect(table.locator("th[aria-sort=ascending]")).toContainText("Name");
    const names = await table.locator("tbody th").allTextContents();
    expect(names).toEqual([...names].sort());

    // A quote in the search is no grammar error, and an unmatched search says what to do.
    await page.goto("/experiments?q=o'brien");
    await expect(page.getByTestId("empty-state")).toContainText("No experiment name contains “o'brien”");
  });
});

test("an experiment's runs sort by a metric, filter by metric and param, and show MLflow's message for a bad filter", async ({ viewerPage: page, checkPage }) => {
  await expectCleanPages(page, async () => {
    await openExperiment(page, CHURN);
    // The experiment's note is Markdown.
    await expect(page.getByTestId("note").locator("strong", { hasText: "churn_xgb" })).toBeVisible();
    const rows = page.getByTestId("run-row");
    await expect(rows.first()).toBeVisible();
    await expect(page.locator("th[aria-sort=descending]")).toContainText("Started");
    await checkPage("experiment-runs");

    // Sort by AUC, high first, then low first.
    const runs = page.getByTestId("runs-table");
    await runs.getByRole("link", { name: /^auc/ }).click();
    await expect(page).toHaveURL(/order=metrics\.auc\+DESC/);
    await expect(runs.locator("th[aria-sort=descending]")).toContainText("auc");
    const descending = numbers(await columnValues(page, "metrics.auc"));
    expect(descending.length).toBeGreaterThan(10);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await runs.getByRole("link", { name: /^auc/ }).click();
    await expect(page).toHaveURL(/order=metrics\.auc\+ASC/);
    await expect(runs.locator("th[aria-sort=ascending]")).toContainText("auc");
    const ascending = numbers(await columnValues(page, "metrics.auc"));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    // Filter on a metric and a param the table shows.
    const before = await rows.count();
    const depth = (await columnValues(page, "params.max_depth"))[0]!.trim();
    const filter = page.getByLabel("Filter runs");
    await filter.fill(`metrics.auc > 0.8 AND params.max_depth = '${depth}'`);
    await filter.press("Enter");
    await expect(page).toHaveURL(/filter=metrics\.auc/);
    await expect(page).toHaveURL(/order=metrics\.auc\+ASC/); // the sort survives filtering
    const after = await rows.count();
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    for (const value of await columnValues(page, "params.max_depth")) expect(value.trim()).toBe(depth);
    for (const auc of numbers(await columnValues(page, "metrics.auc"))) expect(auc).toBeGreaterThan(0.8);

    // MLflow refuses a filter it cannot parse: its message, next to the input, and no crash.
    await filter.fill("metrics.auc >> 0.8");
    await filter.press("Enter");
    const error = page.getByTestId("filter-error");
    await expect(error).toBeVisible();
    await expect(error).toContainText("INVALID_PARAMETER_VALUE");
    await expect(page.getByLabel("Filter runs")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Filter runs")).toHaveValue("metrics.auc >> 0.8");
    await expect(rows).toHaveCount(0);
    await page.getByRole("link", { name: "Clear filter" }).click();
    await expect(rows.first()).toBeVisible();
  });
});

test("runs page forward and back with MLflow's page tokens, keeping the columns (dark theme)", async ({ viewerPage: page, checkPage, useTheme }) => {
  await openExperiment(page, CHURN);
  await page.getByLabel("Runs per page").selectOption("25");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("page-position")).toHaveText("Page 1 (1–25)");
  const headers = () => page.getByTestId("runs-table").locator("thead tr").nth(1).locator("th").allTextContents();
  const firstHeaders = await headers();
  const firstPage = await page.getByTestId("run-link").allTextContents();
  // The wide table scrolls inside its own region; the page itself never scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await useTheme("dark");
  await checkPage("experiment-runs-dark");

  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByTestId("page-position")).toContainText("Page 2 (26–");
  const secondPage = await page.getByTestId("run-link").allTextContents();
  expect(secondPage.some((name) => firstPage.includes(name))).toBe(false);
  expect(await headers()).toEqual(firstHeaders);
  await page.getByRole("link", { name: "Previous page" }).click();
  await expect(page.getByTestId("page-position")).toHaveText("Page 1 (1–25)");
  expect(await page.getByTestId("run-link").allTextContents()).toEqual(firstPage);
});

test("sweeps show their parent and children", async ({ viewerPage: page }) => {
  await openExperiment(page, SWEEPS);
  const child = page.getByTestId("parent-of-row").first();
  await expect(child).toContainText("Child of sweep-");
  await page.getByRole("link", { name: "show all its child runs" }).first().click();
  await expect(page).toHaveURL(/filter=tags\.mlflow\.parentRunId/);
  const parentName = (await page.getByTestId("parent-of-row").first().getByRole("link").textContent())!;
  await page.getByTestId("parent-of-row").first().getByRole("link").click();
  await expect(page.getByTestId("run-name")).toHaveText(parentName);
  await expect(page.getByRole("heading", { name: /^Child runs/ })).toBeVisible();
  await expect(page.getByTestId("children-table").getByRole("row")).not.toHaveCount(1);
});

test("a run's page shows params, metrics, lineage, data and metric charts; the XSS run name stays text (dark theme)", async ({ viewerPage: page, checkPage, useTheme }) => {
  await expectCleanPages(page, async () => {
    const assertNoScriptRan = await guardAgainstScripts(page);
    await openExperiment(page, CHURN);
    await page.getByLabel("Filter runs").fill("attributes.run_name LIKE 'churn-xgb-retrain%'");
    await page.getByLabel("Filter runs").press("Enter");
    const link = page.getByTestId("runs-table").getByRole("link", { name: XSS_RUN_NAME, exact: true });
    await expect(link).toBeVisible();
    await expect(page.getByTestId("runs-table").locator("img")).toHaveCount(0);
    await link.click();

    await expect(page).toHaveURL(/\/experiments\/\d+\/runs\/[0-9a-f]{32}$/);
    await expect(page.getByTestId("run-name")).toHaveText(XSS_RUN_NAME);
    await expect(page.locator("main img")).toHaveCount(0);
    await expect(page.getByTestId("params-table")).toContainText("max_depth");
    await expect(page.getByTestId("metrics-table").getByRole("row", { name: /^auc/ })).toContainText("0.853");
    await expect(page.getByTestId("git-commit")).toHaveText(/^[0-9a-f]{40}$/);
    await expect(page.getByTestId("git-commit").getByRole("link")).toHaveAttribute("href", /^https:\/\/github\.com\/telco-ml\/churn-models\/commit\/[0-9a-f]{40}$/);
    await expect(page.getByTestId("run-source")).toContainText("pipelines/train_churn.py");
    const datasets = page.getByTestId("datasets-table");
    await expect(datasets).toContainText("churn_features");
    await expect(datasets.getByTestId("delta-version").first()).toHaveText(/^\d+$/);

    // One chart per metric logged at several steps: an SVG with a drawn line and a text alternative.
    const chart = page.locator('[data-testid=metric-chart][data-metric="val_auc"]');
    await expect(chart.locator("svg .recharts-line-curve")).toHaveCount(1);
    await expect(chart.locator("svg title")).toHaveText("val_auc by step");
    await expect(chart.getByTestId("metric-chart-summary")).toContainText(/first [\d.]+, last [\d.]+, min [\d.]+, max [\d.]+/);
    await chart.getByText(/^Values as a table/).click();
    await expect(chart.getByRole("table")).toBeVisible();

    await useTheme("dark");
    await expect(chart.locator("svg .recharts-line-curve")).toHaveCount(1);
    await checkPage("run");
    await assertNoScriptRan();
  });
});

test("an unknown experiment or run is a 404; MLflow down with nothing cached is the upstream panel", async ({ viewerPage: page, request }) => {
  // The page checks before anything streams, so the status is a real 404, and the page says so.
  for (const path of ["/experiments/999999", "/experiments/1/runs/0000000000000000000000000000dead", "/experiments/bad%20id"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }

  const control = (JSON.parse(process.env.STAGEGATE_E2E_ENDPOINTS ?? "{}") as { control: string }).control;
  // As many failures as the client has attempts, for the one search below (no cached copy exists).
  const fault = await request.post(`${control}/_emulator/faults`, { data: { upstream: "mlflow", kind: "error", status: 503, match: "/experiments/search", count: 3 }, ignoreHTTPSErrors: true });
  expect(fault.ok()).toBe(true);
  await page.goto(`/experiments?q=outage-${Date.now()}`);
  await expect(page.getByRole("heading", { name: "MLflow is not answering" })).toBeVisible();
  await expect(page.getByTestId("upstream-unavailable")).toContainText("503");
});
