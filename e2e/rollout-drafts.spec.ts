// Rollout drafts: an ML engineer drafts a rollout of churn_xgb v7 on churn-endpoint, the draft is
// listed on /rollouts, an ML lead opens it and discards it; a script drafts through the JSON API.
// Runs in its own project after the default one (which approves v7) and before the rollouts spec,
// which then still finds v7 approved with no rollout and churn-endpoint at blue 100 / mirror 0.
import { checkPage, expect, test } from "./fixtures";
import { as, ensureV7Approved, PLAN_V7 } from "./rollout-flows";

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

let draftPath = "";

test("an ML engineer drafts a rollout of churn_xgb v7: only 'Save as draft' is offered, and the draft is listed", async ({ browser }) => {
  await ensureV7Approved(browser);
  const engineer = await as(browser, "ml-engineer", "/rollouts");
  await engineer.getByRole("link", { name: PLAN_V7 }).click();
  await expect(engineer).toHaveURL(/\/rollouts\/new\?request=/);
  await expect(engineer.getByRole("heading", { name: "Draft a rollout" })).toBeVisible();
  await expect(engineer.getByLabel("Endpoint")).toHaveValue("churn-endpoint");
  await expect(engineer.getByLabel("Candidate deployment")).toHaveValue("green");
  await expect(engineer.getByLabel("Baseline deployment")).toHaveValue("blue");
  await expect(engineer.getByRole("button", { name: "Start the rollout" })).toHaveCount(0);
  await engineer.getByLabel("Template").selectOption("demo");
  await checkPage(engineer, "rollout-draft-new");
  await engineer.getByRole("button", { name: "Save as draft" }).click();
  await expect(engineer.getByTestId("form-feedback")).toContainText("Draft saved");
  await expect(engineer.getByLabel("Template")).toHaveValue("demo");
  const newDraftUrl = engineer.url();
  // A second draft of the same plan is refused, and the form keeps what was chosen.
  const again = await engineer.context().newPage();
  await again.goto(newDraftUrl);
  await again.getByLabel("Template").selectOption("demo");
  await again.getByRole("button", { name: "Save as draft" }).click();
  await expect(again.getByTestId("form-feedback")).toContainText("Jonas Berg already drafted this rollout on churn-endpoint");
  await expect(again.getByLabel("Template")).toHaveValue("demo");
  await again.close();
  await engineer.getByRole("link", { name: "Open the draft" }).click();
  await expect(engineer).toHaveURL(/\/rollouts\/[0-9a-f-]{36}$/);
  draftPath = new URL(engineer.url()).pathname;

  await expect(engineer.getByRole("heading", { level: 1 })).toContainText("churn_xgb v7 on churn-endpoint");
  await expect(engineer.getByTestId("draft-summary")).toContainText("drafted by Jonas Berg");
  await expect(engineer.getByTestId("plan-steps")).toContainText("5.");
  await expect(engineer.getByTestId("live-traffic")).toHaveText("blue 100%");
  await expect(engineer.getByRole("button", { name: "Discard draft" })).toBeVisible();
  await expect(engineer.getByRole("button", { name: "Start this rollout" })).toHaveCount(0);
  await checkPage(engineer, "rollout-draft");

  await engineer.goto("/rollouts");
  const drafts = engineer.getByTestId("rollout-drafts");
  await expect(drafts.getByRole("link", { name: "churn_xgb v7 on churn-endpoint" })).toHaveAttribute("href", draftPath);
  await expect(drafts).toContainText("drafted");
  await expect(drafts).toContainText("by Jonas Berg");
  await expect(engineer.getByTestId("ready-to-roll").filter({ hasText: "churn_xgb v7" })).toContainText("draft on churn-endpoint by Jonas Berg");
  await checkPage(engineer, "rollouts-with-draft");
  await engineer.context().close();
});

test("a Viewer sees the draft without controls", async ({ viewerPage }) => {
  test.skip(!draftPath, "needs the draft of the test before");
  await viewerPage.goto(draftPath);
  await expect(viewerPage.getByTestId("draft-summary")).toContainText("drafted by Jonas Berg");
  await expect(viewerPage.getByRole("button", { name: "Discard draft" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Start this rollout" })).toHaveCount(0);
});

test("an ML lead opens the draft, may start or discard it, and discards it: nothing changed on the endpoint", async ({ browser }) => {
  test.skip(!draftPath, "needs the draft of the test before");
  const lead = await as(browser, "ml-lead", draftPath);
  await expect(lead.getByRole("button", { name: "Start this rollout" })).toBeVisible();
  await lead.getByRole("button", { name: "Discard draft" }).click();
  await expect(lead.getByTestId("draft-summary")).toContainText("discarded by Priya Raman");
  await expect(lead.getByRole("button", { name: "Start this rollout" })).toHaveCount(0);
  await expect(lead.getByTestId("rollout-actions").locator('[data-action="discard"]')).toContainText("Priya Raman");
  await expect(lead.getByTestId("live-traffic")).toHaveText("blue 100%");
  await checkPage(lead, "rollout-draft-discarded");

  await lead.goto("/rollouts");
  await expect(lead.getByText("No draft is waiting.")).toBeVisible();
  const ready = lead.getByTestId("ready-to-roll").filter({ hasText: "churn_xgb v7" });
  await expect(ready.getByRole("link", { name: PLAN_V7 })).toBeVisible();
  await expect(ready).not.toContainText("draft on");
  await expect(lead.getByRole("heading", { name: "In progress" })).toBeVisible();
  await expect(lead.getByText("No rollout is in progress.")).toBeVisible();
  await lead.context().close();
});

test('a script drafts through POST /api/rollouts with "draft": true, the same verb as the form; an engineer cannot start that way', async ({ browser }) => {
  const engineer = await as(browser, "ml-engineer", "/rollouts");
  const planPage = await engineer.getByRole("link", { name: PLAN_V7 }).getAttribute("href");
  const origin = new URL(engineer.url()).origin;
  const plan = {
    promotionRequestId: new URL(planPage!, origin).searchParams.get("request"),
    endpoint: "churn-endpoint",
    baselineDeployment: "blue",
    candidateDeployment: "green",
    templateName: "demo",
  };
  const post = (data: object, idempotencyKey: string = crypto.randomUUID()) => engineer.request.post("/api/rollouts", { data, headers: { "idempotency-key": idempotencyKey, origin } });

  expect((await post(plan)).status()).toBe(403);
  const unclear = await post({ ...plan, draft: "yes" });
  expect(unclear.status()).toBe(400);
  expect((await unclear.json()).message).toContain("draft: must be true (save a draft) or false (start now)");
  const key = crypto.randomUUID();
  const drafted = await post({ ...plan, draft: true }, key);
  expect(drafted.status()).toBe(201);
  const draft = await drafted.json();
  expect(draft).toMatchObject({ status: "draft", replayed: false });
  const replayed = await post({ ...plan, draft: true }, key);
  expect(replayed.status()).toBe(200);
  expect(await replayed.json()).toMatchObject({ rolloutId: draft.rolloutId, status: "draft", replayed: true });
  await engineer.context().close();

  // The lead finds it as any draft, and discards it: the rollouts spec after this one needs none.
  const lead = await as(browser, "ml-lead", `/rollouts/${draft.rolloutId}`);
  await expect(lead.getByTestId("draft-summary")).toContainText("drafted by Jonas Berg");
  await lead.getByRole("button", { name: "Discard draft" }).click();
  await expect(lead.getByTestId("draft-summary")).toContainText("discarded by Priya Raman");
  await lead.context().close();
});
