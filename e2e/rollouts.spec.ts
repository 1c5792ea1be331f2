// Canary rollouts of churn_xgb v7 on churn-endpoint, against the emulator's ARM, Log Analytics and
// MLflow through the real clients. Runs after the other specs and the drafts spec (playwright.config.ts): it moves the
// endpoint's traffic and the champion alias. Serial: the regressed rollout first (its traffic changed in
// the portal meanwhile, then re-applied and adopted), then one aborted at its shadow step, then the good one.
import type { Page } from "@playwright/test";
import { checkPage, clientCredentialsToken, demoUser, emulatorEndpoints, expect, test } from "./fixtures";
import { as, ensureV7Approved, PLAN_V7 } from "./rollout-flows";

test.describe.configure({ mode: "serial" });
test.setTimeout(900_000);

interface Split {
  traffic: Record<string, number>;
  mirrorTraffic: Record<string, number>;
}

/** churn-endpoint's ARM URL and a token for ARM, as any Azure client would get one. */
async function armAccess(page: Page) {
  const { arm, subscriptionId, resourceGroup, workspace, clientId, clientSecret } = emulatorEndpoints();
  const token = await clientCredentialsToken(page.request, clientId, clientSecret, "https://management.azure.com");
  const url = `${arm}/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${workspace}/onlineEndpoints/churn-endpoint?api-version=2023-04-01`;
  return { url, headers: { authorization: `Bearer ${token}` } };
}

/** The endpoint as ARM answers a GET. */
async function armEndpoint(page: Page): Promise<Split> {
  const { url, headers } = await armAccess(page);
  const response = await page.request.get(url, { headers, ignoreHTTPSErrors: true });
  expect(response.status()).toBe(200);
  const { properties } = await response.json();
  return { traffic: properties.traffic ?? {}, mirrorTraffic: properties.mirrorTraffic ?? {} };
}

/** Someone changes the traffic outside Stagegate (the portal): PUT the whole endpoint, then follow ARM's operation. */
async function changeTrafficInPortal(page: Page, split: Split) {
  const { url, headers } = await armAccess(page);
  const endpoint = await (await page.request.get(url, { headers, ignoreHTTPSErrors: true })).json();
  const put = await page.request.put(url, { headers, data: { ...endpoint, properties: { ...endpoint.properties, ...split } }, ignoreHTTPSErrors: true });
  expect([200, 201], await put.text()).toContain(put.status());
  const operation = put.headers()["azure-asyncoperation"];
  if (operation) {
    await expect
      .poll(async () => (await (await page.request.get(operation, { headers, ignoreHTTPSErrors: true })).json()).status, { timeout: 15_000 })
      .toBe("Succeeded");
  }
  expect(await armEndpoint(page)).toEqual(split);
}

/** How many endpoint PUTs ARM has received (the emulator's request counters). */
async function armEndpointPuts(page: Page): Promise<number> {
  const { control } = emulatorEndpoints();
  const counters = (await (await page.request.get(`${control}/_emulator/requests`, { ignoreHTTPSErrors: true })).json()) as Record<string, Record<string, number>>;
  return Object.entries(counters.arm ?? {})
    .filter(([route]) => route.startsWith("PUT ") && route.endsWith("/onlineEndpoints/:endpoint"))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** Reloads the step view until it reports the drift between ARM's live split and the one Stagegate applied. */
async function expectDrift(page: Page, live: string, applied: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("traffic-drift")).toContainText(`it is ${live}, but Stagegate last applied ${applied}.`, { timeout: 1000 });
  }).toPass({ timeout: 30_000, intervals: [1000] });
}

async function setCandidate(page: Page, behaviour: "healthy" | "regressed") {
  const { control } = emulatorEndpoints();
  const response = await page.request.post(`${control}/_emulator/candidate`, { data: { behaviour }, ignoreHTTPSErrors: true });
  expect(response.ok()).toBe(true);
}

async function addArmFault(page: Page, rule: Record<string, unknown>) {
  const { control } = emulatorEndpoints();
  const response = await page.request.post(`${control}/_emulator/faults`, { data: { upstream: "arm", ...rule }, ignoreHTTPSErrors: true });
  expect(response.status()).toBe(201);
}

async function championInMlflow(page: Page): Promise<string> {
  const { mlflow } = emulatorEndpoints();
  const response = await page.request.get(`${mlflow}/api/2.0/mlflow/registered-models/alias?name=churn_xgb&alias=champion`, { ignoreHTTPSErrors: true });
  return (await response.json()).model_version.version as string;
}

async function startDemoRollout(lead: Page, autoMode: boolean) {
  await lead.goto("/rollouts");
  await lead.getByRole("link", { name: PLAN_V7 }).click();
  await expect(lead.getByLabel("Candidate deployment")).toHaveValue("green");
  await expect(lead.getByLabel("Baseline deployment")).toHaveValue("blue");
  await lead.getByLabel("Template").selectOption("demo");
  if (autoMode) await lead.getByLabel(/Auto mode/).check();
  await lead.getByRole("button", { name: "Start the rollout" }).click();
  await lead.getByRole("link", { name: "Open the rollout" }).click();
  await expect(lead).toHaveURL(/\/rollouts\/[0-9a-f-]{36}$/);
}

/**
 * Advances as a lead would in the demo: the gates are judged again on the click, and with the demo
 * template's small samples (a few sampled rows a minute) a p95 can cross its limit in between; then
 * wait until they pass again and retry. A refusal never writes anything, so the audit counts hold.
 */
async function advanceOnPassingGates(page: Page) {
  for (let attempt = 1; ; attempt++) {
    await page.getByRole("button", { name: "Advance" }).click();
    // The last advance completes the rollout, and a completed rollout has no controls to answer in.
    const feedback = page.getByTestId("form-feedback");
    const completed = page.getByRole("heading", { level: 1 }).filter({ hasText: "completed" });
    let said = "";
    await expect(async () => {
      said = (await completed.count()) > 0 ? "completed" : ((await feedback.count()) > 0 ? ((await feedback.first().textContent()) ?? "") : "");
      expect(said).toMatch(/Done\.|do not allow advancing|completed/);
    }).toPass({ timeout: 15_000, intervals: [250] });
    if (!said.includes("do not allow advancing")) return;
    if (attempt === 4) throw new Error(`advancing was refused ${attempt} times: ${said}`);
    await waitForVerdict(page, "pass");
  }
}

/**
 * Reloads the step view until the step's traffic is applied and its gates reach the verdict. The
 * emulator writes about ten sampled rows a minute per arm, and the p95 of fewer than twenty rows is
 * their slowest or next-slowest: one slow row can hold a healthy candidate above 120 ms for the
 * two to three minutes it takes more rows to outrank it, so a pass may take that long.
 */
async function waitForVerdict(page: Page, verdict: "pass" | "fail") {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("gates")).toHaveAttribute("data-verdict", verdict, { timeout: 1000 });
    await expect(page.getByText("Being applied")).toHaveCount(0);
  }).toPass({ timeout: 240_000, intervals: [3000] });
}

test("a regressed candidate: traffic changed in the portal is re-applied or adopted, the gate fails with its numbers, advancing is refused, and auto mode rolls back to the baseline", async ({ browser }) => {
  await ensureV7Approved(browser);
  const lead = await as(browser, "ml-lead", "/rollouts");
  const leadName = demoUser("ml-lead").name;
  await setCandidate(lead, "regressed");
  try {
    await startDemoRollout(lead, false);
    await expect.poll(async () => (await armEndpoint(lead)).mirrorTraffic.green, { timeout: 30_000 }).toBe(10);

    // Drift while the shadow step bakes (the sample the gates need keeps growing meanwhile).
    // Someone sends green 10 % of live traffic in the portal; re-applying restores the plan's shadow split.
    await changeTrafficInPortal(lead, { traffic: { blue: 90, green: 10 }, mirrorTraffic: { green: 0 } });
    await expectDrift(lead, "blue 90% · green 10%", "blue 100%; mirrored to green 10%");
    await checkPage(lead, "rollout-traffic-drift");
    // Advancing would overwrite the portal's change unseen: refused until it is settled.
    await lead.getByRole("button", { name: "Advance" }).click();
    await expect(lead.getByTestId("form-feedback")).toContainText("Re-apply the plan's traffic or adopt the live one before advancing");
    await lead.getByRole("button", { name: "Re-apply the plan's traffic" }).click();
    await expect(lead.getByTestId("form-feedback")).toContainText("Done.");
    await expect.poll(async () => armEndpoint(lead), { timeout: 30_000 }).toEqual({ traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 } });
    await expect(async () => {
      await lead.reload();
      await expect(lead.getByTestId("desired-traffic")).toHaveText("blue 100%; mirrored to green 10%", { timeout: 1000 });
      await expect(lead.getByText("Being applied")).toHaveCount(0, { timeout: 1000 });
      await expect(lead.getByTestId("traffic-drift")).toHaveCount(0, { timeout: 1000 });
    }).toPass({ timeout: 30_000, intervals: [1000] });

    // Someone mirrors 20 % instead; adopting makes that the plan's traffic without sending anything to ARM.
    await changeTrafficInPortal(lead, { traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 20 } });
    await expectDrift(lead, "blue 100%; mirrored to green 20%", "blue 100%; mirrored to green 10%");
    const putsBeforeAdopting = await armEndpointPuts(lead);
    await lead.getByRole("button", { name: "Adopt the live traffic" }).click();
    await expect(lead.getByTestId("form-feedback")).toContainText("Done.");
    await lead.reload();
    await expect(lead.getByTestId("desired-traffic")).toHaveText("blue 100%; mirrored to green 20%");
    await expect(lead.getByText("Being applied")).toHaveCount(0);
    await expect(lead.getByTestId("traffic-drift")).toHaveCount(0);
    expect(await armEndpoint(lead)).toEqual({ traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 20 } });
    const history = lead.getByTestId("rollout-actions");
    await expect(history.locator('[data-action="reapply"]')).toContainText(leadName);
    await expect(history.locator('[data-action="adopt"]')).toContainText(leadName);
    const admin = await as(browser, "admin", "/audit?kind=rollout.");
    const audit = admin.getByTestId("audit-table");
    await expect(audit.locator('tr[data-action="rollout.reapply"]')).toHaveCount(1);
    await expect(audit.locator('tr[data-action="rollout.reapply"]')).toContainText(leadName);
    await expect(audit.locator('tr[data-action="rollout.adopt"]')).toHaveCount(1);
    await expect(audit.locator('tr[data-action="rollout.adopt"]')).toContainText(leadName);
    await expect(audit.locator('tr[data-action="rollout.adopt"]')).toContainText(/"green": 20/);
    await admin.context().close();

    await waitForVerdict(lead, "fail");
    const failing = lead.locator('[data-testid="gates"] tr[data-status="fail"]');
    await expect(failing.first()).toContainText(/Candidate (p95|error rate) [\d.]+ (ms|%) >/);
    await lead.getByRole("button", { name: "Advance" }).click();
    await expect(lead.getByTestId("form-feedback")).toContainText("The step's gates do not allow advancing");
    // Auto mode on: the evaluator rolls back within its next pass.
    await lead.reload();
    await lead.getByRole("button", { name: "Turn auto mode on" }).click();
    await expect(async () => {
      await lead.reload();
      await expect(lead.getByRole("heading", { level: 1 })).toContainText("rolled back", { timeout: 1000 });
    }).toPass({ timeout: 60_000, intervals: [2000] });
    await expect.poll(async () => armEndpoint(lead), { timeout: 30_000 }).toEqual({ traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 0 } });
    const rollback = lead.getByTestId("rollout-actions").locator('[data-action="rollback"]');
    await expect(rollback).toContainText("Stagegate (automatic)");
    await expect(rollback).toContainText("Decided on failing gates");
    // The rollback's PUT is the only one since the adoption, which sent nothing.
    expect(await armEndpointPuts(lead)).toBe(putsBeforeAdopting + 1);
  } finally {
    await setCandidate(lead, "healthy");
  }
  await lead.context().close();
});

test("an ML lead aborts a rollout only after confirming: it ends where it stood and nothing more is sent to ARM", async ({ browser }) => {
  await ensureV7Approved(browser);
  const lead = await as(browser, "ml-lead", "/rollouts");
  await startDemoRollout(lead, false);
  const shadow = { traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 } };
  await expect.poll(async () => armEndpoint(lead), { timeout: 30_000 }).toEqual(shadow);
  const putsBeforeAborting = await armEndpointPuts(lead);

  await lead.getByRole("button", { name: "Abort…" }).click();
  const question = lead.getByRole("group", { name: /Abort ends this rollout for good/ });
  await expect(question).toBeVisible();
  await expect(question.getByRole("button", { name: "Abort the rollout" })).toBeFocused();
  await checkPage(lead, "rollout-abort-confirmation");
  await question.getByRole("button", { name: "Keep it" }).click();
  await expect(question).toHaveCount(0);
  await expect(lead.getByRole("heading", { level: 1 })).toContainText("running");

  await lead.getByRole("button", { name: "Abort…" }).click();
  await lead.getByRole("button", { name: "Abort the rollout" }).click();
  await expect(async () => {
    await lead.reload();
    await expect(lead.getByRole("heading", { level: 1 })).toContainText("aborted", { timeout: 1000 });
  }).toPass({ timeout: 30_000, intervals: [1000] });
  await expect(lead.getByRole("button", { name: "Abort…" })).toHaveCount(0);
  await expect(lead.getByTestId("rollout-actions").locator('[data-action="abort"]')).toContainText(demoUser("ml-lead").name);
  expect(await armEndpoint(lead)).toEqual(shadow);
  expect(await armEndpointPuts(lead)).toBe(putsBeforeAborting);
  await expect(lead.getByTestId("traffic-drift")).toHaveCount(0);
  // After the end the page still tells the truth: someone stops the mirror in the portal.
  await changeTrafficInPortal(lead, { traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 0 } });
  await expectDrift(lead, "blue 100%", "blue 100%; mirrored to green 10%");
  await expect(lead.getByTestId("traffic-drift")).toContainText("The endpoint's traffic no longer matches what this rollout left");
  await expect(lead.getByTestId("step-summary")).toHaveCount(1);
  await expect(lead.getByTestId("step-summary").first()).toContainText("aborted");
  await lead.context().close();
});

test("the demo rollout of churn_xgb v7: shadow, 10, 25, 50, 100 % on passing gates, then v7 is champion and the audit shows every step", async ({ browser }) => {
  const lead = await as(browser, "ml-lead", "/rollouts");
  // The live numbers per deployment come with the page (server prefetch), then refresh in the browser.
  const served = await (await lead.request.get("/rollouts")).text();
  expect(served).toMatch(/data-testid="live-churn-endpoint"[\s\S]*?>blue</);
  await expect(lead.getByTestId("live-churn-endpoint").getByRole("row", { name: /blue/ })).toContainText(/\d+ ms/);
  await checkPage(lead, "rollouts");
  await startDemoRollout(lead, false);
  await expect.poll(async () => armEndpoint(lead), { timeout: 30_000 }).toEqual({ traffic: { blue: 100, green: 0 }, mirrorTraffic: { green: 10 } });
  await waitForVerdict(lead, "pass");
  await expect(lead.getByTestId("gates").locator('tr[data-gate="latency"]')).toContainText(/Candidate p95 [\d.]+ ms ≤ limit [\d.]+ ms \(.*; over \d+ candidate and \d+ baseline sampled rows\)/);
  await checkPage(lead, "rollout-step");
  // The charts keep up without a reload: the browser polls the step's series, which fill in as the
  // step's window grows (the gates, refreshed sooner, may pass before the first bins arrive).
  const seriesPoll = await lead.waitForResponse(
    async (response) => /\/api\/rollouts\/[0-9a-f-]{36}\/series$/.test(new URL(response.url()).pathname) && ((await response.json()).chart?.series.length ?? 0) >= 2,
    { timeout: 60_000 },
  );
  expect(seriesPoll.status()).toBe(200);
  expect([...new Set((await seriesPoll.json()).chart.series.map((arm: { deployment: string }) => arm.deployment))].sort()).toEqual(["blue", "green"]);
  // The plots load Recharts after the page: each figure's placeholder gives way to its drawn chart
  // (early in the shadow step an arm may have one point, which draws a surface but no line).
  await expect(lead.getByTestId("deployment-chart").first().locator("svg.recharts-surface")).not.toHaveCount(0, { timeout: 30_000 });
  await expect(lead.getByTestId("chart-loading")).toHaveCount(0);
  for (const green of [10, 25, 50, 100]) {
    if (green === 25) {
      // ARM refuses the traffic change once with 500, then throttles it with Retry-After: the page
      // says the step is being applied, and it is applied exactly once when ARM accepts it.
      await addArmFault(lead, { kind: "error", status: 500, count: 1, match: "PUT" });
      await addArmFault(lead, { kind: "throttle", retryAfterSeconds: 2, count: 1, match: "PUT" });
    }
    await advanceOnPassingGates(lead);
    if (green === 25) await expect(lead.getByTestId("rollout-status-watch")).toContainText("Applying the plan's traffic");
    await expect(lead.getByTestId("plan-steps").locator('[aria-current="step"]')).toContainText(`${green}% live`);
    await expect.poll(async () => (await armEndpoint(lead)).traffic, { timeout: 30_000 }).toEqual({ blue: 100 - green, green });
    await waitForVerdict(lead, "pass");
  }
  await advanceOnPassingGates(lead);
  await expect(async () => {
    await lead.reload();
    await expect(lead.getByTestId("champion-moved")).toContainText("v7 since", { timeout: 1000 });
  }).toPass({ timeout: 60_000, intervals: [2000] });
  expect(await championInMlflow(lead)).toBe("7");
  await expect(lead.getByTestId("champion-moved")).toContainText("(was v6)");
  // The finished rollout keeps the gates each step moved on, with their numbers.
  const history = lead.getByTestId("rollout-actions");
  const firstAdvance = history.locator('[data-action="advance"]').first();
  await firstAdvance.getByText("Decided on passing gates").click();
  await expect(firstAdvance.getByTestId("action-gates").locator('tr[data-gate="latency"]')).toContainText(/Candidate p95 [\d.]+ ms ≤ limit [\d.]+ ms/);
  await expect(history.locator('[data-action="complete"]')).toContainText("Decided on passing gates");
  // Each step's summary: its gate numbers as recorded, whether the KPI was judged, and its charts once opened.
  const steps = lead.getByTestId("step-summary");
  await expect(steps).toHaveCount(5);
  await expect(steps.nth(1).getByTestId("step-summary-gates").locator('tr[data-gate="latency"]')).toContainText(/Candidate p95 [\d.]+ ms ≤ limit [\d.]+ ms/);
  await expect(steps.nth(4)).toContainText(`${demoUser("ml-lead").name} completed the rollout`);
  await expect(lead.getByTestId("completion-kpi")).toBeVisible();
  const stepSeries = lead.waitForResponse((response) => new URL(response.url()).search === "?step=1" && /\/api\/rollouts\/[0-9a-f-]{36}\/series$/.test(new URL(response.url()).pathname));
  await steps.nth(1).getByText("Charts of step 2").click();
  expect((await stepSeries).status()).toBe(200);
  await expect(steps.nth(1).getByTestId("deployment-charts").or(steps.nth(1).getByTestId("deployment-charts-empty"))).toBeVisible({ timeout: 15_000 });
  // A finished step may hold one bin per arm (a point, no line): the plot's drawn surface is what shows Recharts loaded.
  await expect(steps.nth(1).getByTestId("deployment-chart").first().locator("svg.recharts-surface").or(steps.nth(1).getByTestId("deployment-charts-empty"))).not.toHaveCount(0, { timeout: 15_000 });
  await expect(steps.nth(1).getByTestId("chart-loading")).toHaveCount(0);
  await checkPage(lead, "rollout-completed");
  await lead.context().close();

  const admin = await as(browser, "admin", "/audit?kind=rollout.");
  const table = admin.getByTestId("audit-table");
  await expect(table.locator('tr[data-action="rollout.started"]')).toHaveCount(3);
  await expect(table.locator('tr[data-action="rollout.abort"]')).toHaveCount(1);
  await expect(table.locator('tr[data-action="rollout.advance"]')).toHaveCount(4);
  await expect(table.locator('tr[data-action="rollout.completed"]')).toHaveCount(1);
  // One applied traffic change per action that changes traffic: 3 starts, 1 re-apply, 4 advances, 1 rollback (adopting and aborting apply nothing).
  await expect(table.locator('tr[data-action="rollout.traffic_applied"]')).toHaveCount(9);
  await admin.context().close();
  const reader = await as(browser, "viewer", "/models/churn_xgb/versions/7");
  await expect(reader.getByTestId("timeline").locator('[data-action="alias.moved"]').last()).toContainText("alias champion moved to v7");
  await reader.context().close();
});
