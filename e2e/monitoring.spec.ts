// Model monitoring against the emulator's telemetry through the app's Log Analytics client: the
// fleet marks churn_xgb's monthly_charges drift significant and its other inputs stable; the
// heatmap's cell ten days back is stable and today's significant; the histogram shows the shift;
// the chosen feature's PSI crosses the bands over time; the ingestion outage's hourly cells are
// greyed with why; v6's and v7's lift tables have counts and the CSV is the table; a live range
// refreshes itself unless paused; and the run's approval of v7 (made by e2e/promotions.spec.ts:
// this spec's project runs after the default one) is marked on the drift heatmap's, the PSI
// chart's and the lift chart's time axes.
import { readFile } from "node:fs/promises";
import { LOW_SAMPLE_WINDOW } from "../emulator/scenario/telemetry/model-drift-table";
import { expect, test } from "./fixtures";

const DAY_MS = 86_400_000;
/** The emulator anchors its scenario at the start of the UTC day it started. */
const anchor = () => {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
};
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

test("the fleet ranks churn_xgb first with monthly_charges significant and its other inputs stable (light and dark)", async ({ viewerPage: page, checkPage, useTheme }) => {
  await page.getByRole("navigation").getByRole("link", { name: "Monitoring" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Monitoring" })).toBeVisible();
  const rows = page.getByTestId("fleet-row");
  await expect(rows.first()).toHaveAttribute("data-model", "churn_xgb");
  const churn = page.locator('[data-testid="fleet-row"][data-model="churn_xgb"]');
  await expect(churn.getByTestId("fleet-worst")).toContainText("monthly_charges");
  await expect(churn.getByTestId("fleet-worst").locator("[data-band]")).toHaveAttribute("data-band", "significant");
  // The other inputs are not drifting: only monthly_charges is listed.
  await expect(churn.getByRole("cell").nth(2)).toHaveText("monthly_charges (significant)");
  await expect(page.getByTestId("as-of").first()).toContainText("From Log Analytics, as of");
  await checkPage("monitoring-fleet");
  await useTheme("dark");
  await checkPage("monitoring-fleet-dark");
});

test("the heatmap: ten days back stable, today significant; the histogram shows the shift; v6's lift has counts; the approval is on both time axes (light and dark)", async ({ viewerPage: page, checkPage, useTheme }) => {
  await page.goto("/monitoring/churn_xgb?from=now-14d&to=now");
  await expect(page.getByRole("heading", { level: 1, name: /churn_xgb: drift, lift and data health/ })).toBeVisible();
  const cell = (start: number) => page.locator(`[data-testid="drift-cell"][data-feature="monthly_charges"][data-start="${new Date(start).toISOString()}"]`);
  await expect(cell(anchor() - 11 * DAY_MS)).toHaveAttribute("data-band", "stable");
  await expect(cell(anchor())).toHaveAttribute("data-band", "significant");
  await expect(page.locator('[data-testid="drift-cell"][data-feature="tenure_months"][data-band="significant"]')).toHaveCount(0);
  // The approval made in this run is marked on the heatmap's time axis, saying who decided.
  await expect(page.locator('[data-testid="annotation"][title*="v7 approved"]').first()).toBeAttached();
  await expect(page.getByRole("region", { name: /Decisions in this range/ }).or(page.locator("#decisions-heading").locator(".."))).toContainText("v7 approved");

  // The chosen feature's PSI over time crosses into the significant band, with the approval on its time axis.
  const psiChart = page.getByTestId("feature-psi-chart");
  await expect(psiChart.locator('circle[data-state="significant"]').first()).toBeAttached();
  await expect(psiChart.locator('circle[data-state="stable"]').first()).toBeAttached();
  await expect(psiChart.getByTestId("annotation").locator("title").filter({ hasText: /v7 approved/ }).first()).toBeAttached();

  await cell(anchor()).locator("a").click();
  await expect(page).toHaveURL(/feature=monthly_charges/);
  const histogram = page.getByTestId("histogram");
  await expect(histogram).toContainText("monthly_charges");
  await expect(histogram).toContainText("significant");

  await expect(page.locator('[data-testid="lift-table"][data-version="6"]').getByRole("row")).toHaveCount(12);
  // The same approval on the lift chart's time axis, saying who decided.
  await expect(page.getByTestId("top-decile-lift-chart").getByTestId("annotation").locator("title").filter({ hasText: /v7 approved/ }).first()).toBeAttached();
  await checkPage("monitoring-churn_xgb-light");
  await useTheme("dark");
  await checkPage("monitoring-churn_xgb-dark");
});

test("lift tables for v6 and v7 with counts, on the same weeks of traffic, and a CSV that is the table", async ({ viewerPage: page }) => {
  await page.goto("/monitoring/churn_xgb?from=now-14d&to=now#outcomes");
  // Both versions side by side, each scored on the same weeks of traffic (v7 on mirrored copies), with counts.
  for (const version of ["6", "7"]) {
    const lift = page.locator(`[data-testid="lift-table"][data-version="${version}"]`);
    await expect(lift).toBeVisible();
    await expect(lift.getByRole("row")).toHaveCount(12);
    await expect(lift.getByRole("row").nth(1).getByRole("cell").first()).toHaveText(/^\d[\d,]*$/);
  }
  // The CSV is the table: the same deciles and counts.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV of the lift table of v7" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("churn_xgb-lift-v7.csv");
  const lines = (await readFile((await file.path())!, "utf8")).replace(/^\uFEFF/, "").trim().split("\r\n");
  const v7 = page.locator('[data-testid="lift-table"][data-version="7"]');
  expect(lines).toHaveLength(12);
  const firstDecileCount = (await v7.getByRole("row").nth(1).getByRole("cell").first().textContent())!.replaceAll(",", "");
  expect(lines[1]!.split(",")[1]).toBe(firstDecileCount);
  await expect(page.getByText(/v7's top-decile lift .* against v6's .* on the same matured cohort/)).toBeVisible();
});

test("the outage's hourly cells are greyed and say why", async ({ viewerPage: page, checkPage }) => {
  const start = anchor() + LOW_SAMPLE_WINDOW.startFromAnchorMs;
  await page.goto(`/monitoring/churn_xgb?from=${day(start)}&to=${day(start + DAY_MS)}`);
  const greyed = page.locator('[data-testid="drift-cell"][data-feature="tenure_months"][data-band="too-few"]');
  await expect(greyed).toHaveCount(3);
  await expect(greyed.first()).toContainText(/too few samples/i);
  await checkPage("monitoring-churn_xgb-outage");
});

test("a range it cannot read says what to write instead", async ({ viewerPage: page }) => {
  await page.goto("/monitoring/churn_xgb?from=now-7x");
  await expect(page.getByText(/'now-7x' is not a time/)).toBeVisible();
});

test("a range that ends now refreshes itself when the server's next refresh instant passes, unless paused", async ({ viewerPage: page }) => {
  await page.clock.install();
  await page.goto("/monitoring/churn_xgb?from=now-24h&to=now");
  const live = page.getByTestId("live-refresh");
  await expect(live).toContainText("Live: refreshes at");
  // A refresh re-renders the page from the server: an RSC request for the page's URL.
  const refreshes: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["rsc"] === "1" && request.url().includes("/monitoring/churn_xgb")) refreshes.push(request.url());
  });
  await live.getByRole("button", { name: "Pause live refresh" }).click();
  await expect(live).toContainText("Live refresh paused.");
  await page.clock.fastForward("05:05");
  await page.waitForTimeout(1_000);
  expect(refreshes).toHaveLength(0);

  const refreshed = page.waitForRequest((request) => request.headers()["rsc"] === "1" && request.url().includes("/monitoring/churn_xgb"));
  await live.getByRole("button", { name: "Resume live refresh" }).click();
  await refreshed;
  await expect(page.getByTestId("drift-heatmap")).toBeVisible();
});
