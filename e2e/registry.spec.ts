// The model registry pages against the emulator's demo estate: the models list (search, tag and
// alias filters, token paging), a model's versions and description, a version's lineage with its
// deployments and champion comparison, untrusted MLflow text rendered as text, and a degraded
// page when MLflow fails.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const endpoints = JSON.parse(process.env.STAGEGATE_E2E_ENDPOINTS ?? "{}") as { control: string };

/** Records any sign of the scenario's XSS payloads running: the flag they set, or a dialog. */
async function watchForXss(page: Page): Promise<() => Promise<void>> {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return async () => {
    expect(await page.evaluate(() => (window as unknown as { __stagegateXss?: number }).__stagegateXss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  };
}

const modelNames = (page: Page) => page.getByTestId("model-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-model")));

/** The listed models, once the page shows them (client navigation may show the loading state first). */
async function expectModels(page: Page, names: string[]) {
  await expect.poll(() => modelNames(page)).toEqual(names);
}

test("models page: every model with champion, search, tag and alias filters in the URL", async ({ viewerPage: page, checkPage, useTheme }) => {
  await page.goto("/models");
  await useTheme("light");
  await expect(page.getByRole("heading", { level: 1, name: "Models" })).toBeVisible();
  const churn = page.locator('[data-testid="model-row"][data-model="churn_xgb"]');
  await expect(churn.getByTestId("champion")).toHaveText(/v6/);
  await expect(churn.getByTestId("latest-version")).toHaveText(/v8/);
  await expect(page.getByTestId("as-of")).toContainText("From MLflow, as of");
  await checkPage("models");

  // Search through the form: the filters land in the URL.
  await page.getByLabel("Name contains").fill("churn");
  await page.getByLabel("Name contains").press("Enter");
  await expect(page).toHaveURL(/\/models\?q=churn$/);
  await expectModels(page, ["churn_xgb"]);

  await page.goto("/models?tag=team%3Dfraud-analytics");
  await expectModels(page, ["fraud_lgbm"]);
  await expect(page.getByLabel(/^Tag/)).toHaveValue("team=fraud-analytics");

  await page.goto("/models?alias=challenger");
  // The promotion specs running alongside may give churn_xgb a challenger too.
  await expect.poll(() => modelNames(page)).toEqual(expect.arrayContaining(["ltv_regressor", "next_best_offer_lgbm"]));
  expect((await modelNames(page)).filter((name) => !["ltv_regressor", "next_best_offer_lgbm", "churn_xgb"].includes(name ?? ""))).toEqual([]);
  await expect(page.getByTestId("alias-note")).toContainText("MLflow search cannot filter by alias");

  await page.goto("/models?q=no-such-model-anywhere");
  await expect(page.getByTestId("models-empty")).toContainText("No registered model on this page matches");
  await page.getByRole("link", { name: "clear the filters" }).click();
  await expect(page).toHaveURL(/\/models$/);
});

test("models page pages through MLflow page tokens", async ({ viewerPage: page }) => {
  await page.goto("/models?size=3");
  const seen: (string | null)[] = [];
  const first = await modelNames(page);
  expect(first).toHaveLength(3);
  seen.push(...first);
  const pages = page.getByRole("navigation", { name: "Pages of models" });
  for (;;) {
    const next = pages.getByRole("link", { name: "Next page" });
    if ((await next.count()) === 0) break;
    const href = (await next.getAttribute("href"))!;
    expect(href).toMatch(/^\/models\?size=3&page=/);
    const previousFirst = (await modelNames(page))[0]!;
    await next.click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === href);
    await expect(page.getByTestId("model-row").first()).not.toHaveAttribute("data-model", previousFirst);
    await expect(page.getByTestId("loading")).toHaveCount(0);
    seen.push(...(await modelNames(page)));
    expect(seen.length).toBeLessThanOrEqual(50);
  }
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen).toEqual([...seen].sort());
  expect(seen).toContain("churn_xgb");
  await expect(pages.getByText("Last page")).toBeVisible();
  await pages.getByRole("link", { name: "First page" }).click();
  await expectModels(page, first as string[]);
});

test("model page: versions with policy metrics, rendered description, payload as text", async ({ viewerPage: page, checkPage, useTheme }) => {
  const assertNoXss = await watchForXss(page);
  await page.goto("/models/churn_xgb");
  await useTheme("light");
  await expect(page.getByRole("heading", { level: 1, name: "churn_xgb" })).toBeVisible();
  const versions = page.getByTestId("version-row");
  await expect(versions).toHaveCount(8);
  const v6 = page.locator('[data-testid="version-row"][data-version="6"]');
  await expect(v6).toContainText("@champion");
  await expect(v6.locator('[data-metric="auc"]')).toHaveText("0.861");
  await expect(page.locator('[data-testid="version-row"][data-version="3"] [data-metric="shap_drift"]')).toContainText("not logged");
  // v5's source run name carries markup: shown as text.
  await expect(page.locator('[data-testid="version-row"][data-version="5"]')).toContainText('churn-xgb-retrain <img src=x onerror="window.__stagegateXss=3">');

  const description = page.getByTestId("markdown");
  await expect(description.getByRole("heading", { name: "Churn propensity (XGBoost)" })).toBeVisible();
  await expect(description.locator("strong", { hasText: "90 days" })).toBeVisible();
  await expect(description.getByRole("link", { name: "model card" })).toHaveAttribute("href", "https://wiki.telco.example/ml/churn-xgb");
  await expect(description).toContainText("<script>window.__stagegateXss=1</script>");
  await expect(description.locator("script, img")).toHaveCount(0);
  await expect(page.getByRole("table", { name: /Tags of churn_xgb/ })).toContainText("retention-analytics");
  await checkPage("model");
  await assertNoXss();
});

test("version page: lineage from Delta data to deployments, and comparison with the champion", async ({ viewerPage: page, checkPage, useTheme }) => {
  await page.goto("/models/churn_xgb/versions/7");
  await useTheme("light");
  await expect(page.getByRole("heading", { level: 1, name: /churn_xgb version 7/ })).toBeVisible();
  const flow = page.getByRole("list", { name: /Lineage of churn_xgb version 7/ });
  await expect(flow.locator(":scope > li")).toHaveCount(7);

  const dataset = page.getByTestId("lineage-dataset").first();
  await expect(dataset.getByTestId("delta-version")).toHaveText(/^\d+$/);
  await expect(dataset).toContainText("delta_table");
  const run = page.getByTestId("lineage-run");
  await expect(run.getByRole("link", { name: "churn-xgb-device-financing" })).toHaveAttribute("href", /^\/experiments\/\d+\/runs\/[0-9a-f]{32}$/);
  await expect(run).toContainText("Git commit");
  await expect(page.getByTestId("lineage-experiment").getByRole("link")).toHaveText("/Shared/churn/xgb-training");
  await expect(page.getByTestId("lineage-version").getByRole("link")).toHaveAttribute("aria-current", "page");

  const deployments = page.getByTestId("lineage-deployments");
  await expect(deployments.locator('[data-testid="lineage-deployment"][data-deployment="green"]')).toContainText("0% of live traffic");
  await expect(deployments.getByTestId("other-deployments")).toContainText("churn-endpoint / blue serves");
  await expect(deployments.getByTestId("other-deployments")).toContainText("100% of live traffic");

  const auc = page.locator('[data-testid="metric-deltas"] tr[data-metric="auc"]');
  await expect(auc).toContainText("0.874");
  await expect(auc).toContainText("0.861");
  await expect(auc).toContainText("+0.013");
  await expect(auc).toContainText("better");
  await expect(page.getByRole("heading", { level: 2, name: "Promotion" })).toBeVisible();
  await checkPage("version-lineage");
  await useTheme("dark");
  await checkPage("version-lineage-dark");
});

test("the champion's page shows the deployment serving it and says there is nothing to compare", async ({ viewerPage: page }) => {
  await page.goto("/models/churn_xgb/versions/6");
  await expect(page.locator('[data-testid="lineage-deployment"][data-deployment="blue"]')).toContainText("100% of live traffic");
  await expect(page.getByTestId("comparison-none")).toContainText("is the champion");
});

test("version 5: a run name carrying markup renders as text and no script runs", async ({ viewerPage: page }) => {
  const assertNoXss = await watchForXss(page);
  await page.goto("/models/churn_xgb/versions/5");
  await expect(page.getByTestId("lineage-run").getByRole("link").first()).toHaveText('churn-xgb-retrain <img src=x onerror="window.__stagegateXss=3">');
  await expect(page.getByTestId("lineage-run").locator("img")).toHaveCount(0);
  await assertNoXss();
});

// The pages check before anything streams: a real 404, and the page says it.
test("unknown models and versions answer 404, say so and lead back to the models", async ({ viewerPage: page }) => {
  for (const path of ["/models/no_such_model", "/models/churn_xgb/versions/99", "/models/churn_xgb/versions/99999999999"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "No such model or version" })).toBeVisible();
    await expect(page.locator('meta[name="robots"][content*="noindex"]').first()).toBeAttached();
  }
  await page.getByRole("link", { name: "Browse the registered models" }).click();
  await expect(page).toHaveURL(/\/models$/);
});

async function addMlflowFault(request: APIRequestContext, match: string, count: number) {
  const response = await request.post(`${endpoints.control}/_emulator/faults`, { data: { upstream: "mlflow", kind: "error", status: 503, match, count }, ignoreHTTPSErrors: true });
  expect(response.status()).toBe(201);
}

test("when MLflow fails the models page degrades instead of erroring", async ({ viewerPage: page, request }) => {
  // Scoped to the search path and consumed by this page's own three attempts; another page that
  // happened to hit one would only retry.
  const match = "/registered-models/search";
  try {
    let degraded = false;
    for (let attempt = 0; attempt < 3 && !degraded; attempt++) {
      await addMlflowFault(request, match, 3);
      const response = await page.goto(`/models?q=degraded-${Date.now()}-${attempt}`);
      expect(response?.status()).toBe(200);
      degraded = (await page.getByTestId("upstream-unavailable").or(page.getByTestId("stale-data")).count()) > 0;
    }
    expect(degraded).toBe(true);
    await expect(page.getByRole("heading", { level: 1, name: "MLflow is not answering" })).toBeVisible();
    await expect(page.getByTestId("request-id")).not.toBeEmpty();
  } finally {
    const faults = (await (await request.get(`${endpoints.control}/_emulator/faults`, { ignoreHTTPSErrors: true })).json()) as Record<string, { match?: string }[]>;
    if (faults.mlflow?.some((rule) => rule.match === match)) await request.delete(`${endpoints.control}/_emulator/faults?upstream=mlflow`, { ignoreHTTPSErrors: true });
  }
  await page.goto("/models");
  await expect(page.locator('[data-testid="model-row"][data-model="churn_xgb"]')).toBeVisible();
});
