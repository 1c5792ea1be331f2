// Steps the rollout specs share: a signed-in page per user, and churn_xgb v7 approved.
import type { Browser, Page } from "@playwright/test";
import { expect, signIn } from "./fixtures";

export const PLAN_V7 = "plan a rollout of churn_xgb v7";

export async function as(browser: Browser, key: string, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, key, path);
  return page;
}

/** churn_xgb v7 approved: the promotions spec (run before) usually did it; alone, a rollout spec asks and approves itself. */
export async function ensureV7Approved(browser: Browser) {
  const lead = await as(browser, "ml-lead", "/rollouts");
  // The page streams in after the shell: count its links only once it has arrived.
  await expect(lead.getByRole("heading", { name: "In progress" })).toBeVisible();
  const ready = await lead.getByRole("link", { name: PLAN_V7 }).count();
  await lead.context().close();
  if (ready > 0) return;
  const engineer = await as(browser, "ml-engineer", "/models/churn_xgb/versions/7");
  await engineer.getByLabel("Rationale").fill("Beats the champion; rollout spec running on its own.");
  await engineer.getByRole("button", { name: "Request promotion" }).click();
  await engineer.getByTestId("open-request").getByRole("link", { name: "open it" }).click();
  await expect(engineer).toHaveURL(/\/approvals\/[0-9a-f-]{36}$/);
  const requestPath = new URL(engineer.url()).pathname;
  await engineer.context().close();
  const approver = await as(browser, "ml-lead-2", requestPath);
  await approver.getByRole("button", { name: "Approve" }).click();
  await expect(approver.getByTestId("cannot-decide")).toContainText("You approved it at");
  await approver.context().close();
}
