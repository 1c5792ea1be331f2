// The SLO definitions page: an Admin edits churn-endpoint's latency SLO in a structured form. A
// target of 100 % and a one-word change note are refused next to their fields and change nothing;
// 150 ms is saved as the next version and audited; a tab still on the old version is told to reload
// (409). It restores 120 ms at the end, as a later save, so other specs see the blueprint's SLO.
import type { Page } from "@playwright/test";
import { demoUser, expect, signIn, test } from "./fixtures";

const SLO = "churn-endpoint-latency";

function latencySlo(page: Page) {
  const section = page.getByRole("region", { name: SLO });
  const form = page.getByRole("form", { name: `Edit ${SLO}` });
  return {
    section,
    form,
    sentence: section.getByTestId("slo-sentence"),
    threshold: form.getByLabel("Latency threshold (ms)"),
    target: form.getByLabel("Target (%)"),
    changeNote: form.getByLabel("What changed and why"),
    save: form.getByRole("button", { name: `Save ${SLO}` }),
    feedback: form.getByTestId("form-feedback"),
  };
}

/** The version the section shows ("Version 0: the blueprint's default…", "Version 2, saved by…"). */
async function shownVersion(page: Page): Promise<number> {
  const text = await latencySlo(page).section.getByTestId("slo-version").textContent();
  const version = text?.match(/^Version (\d+)/)?.[1];
  expect(version, `version in "${text}"`).toBeDefined();
  return Number(version);
}

test("an Admin changes churn-endpoint's latency threshold to 150 ms: refusals change nothing, the save is a new audited version, a stale tab is told to reload", async ({ page, checkPage, useTheme }) => {
  const adminName = demoUser("admin").name;
  await signIn(page, "admin", "/admin/slos");
  await expect(page.getByRole("heading", { level: 1, name: "SLO definitions" })).toBeVisible();
  await useTheme("light");
  const slo = latencySlo(page);
  await expect(slo.form).toBeVisible();
  await expect(page.getByRole("form", { name: "Edit churn-endpoint-availability" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).locator('a[href="/admin/slos"]')).toHaveText("SLO settings");
  await checkPage("admin-slos-light");

  // On the run's fresh database this is the blueprint's default, version 0; the save below makes version 1.
  const version = await shownVersion(page);
  await expect(slo.threshold).toHaveValue("120");
  await expect(slo.target).toHaveValue("95");
  await expect(slo.sentence).toHaveText("95 % of churn-endpoint's live requests answer within 120 ms over 30 days.");

  // Refused by the verb: a 100 % target leaves no budget, and a change note must say something.
  await slo.target.fill("100");
  await slo.changeNote.fill("no");
  await slo.save.click();
  await expect(slo.feedback).toContainText("Nothing was changed");
  await expect(slo.feedback).toContainText("content.target");
  await expect(slo.form.getByText("must be below 1: a 100 % target leaves no error budget", { exact: true })).toBeVisible();
  await expect(slo.form.getByText("say in a few words what changed and why", { exact: true })).toBeVisible();
  await expect(slo.target).toHaveAttribute("aria-invalid", "true");
  // What the Admin typed stays, to be fixed rather than retyped.
  await expect(slo.target).toHaveValue("100");
  // An empty change note does not even leave the browser: the field is required.
  await slo.changeNote.fill("");
  await slo.save.click();
  expect(await slo.changeNote.evaluate((field) => (field as HTMLTextAreaElement).validity.valueMissing)).toBe(true);

  await page.reload();
  expect(await shownVersion(page)).toBe(version);
  await expect(slo.target).toHaveValue("95");
  await expect(slo.threshold).toHaveValue("120");

  // A second tab opened now still edits this version when the first one saves.
  const staleTab = await page.context().newPage();
  await staleTab.goto("/admin/slos");
  await expect(latencySlo(staleTab).threshold).toHaveValue("120");

  await slo.threshold.fill("150");
  await slo.changeNote.fill("Checkout's timeout allows 150 ms (e2e)");
  await slo.save.click();
  await expect(slo.feedback).toContainText(`Saved as version ${version + 1}`);
  await expect(slo.feedback).toContainText("within 150 ms");
  await expect(slo.sentence).toHaveText("95 % of churn-endpoint's live requests answer within 150 ms over 30 days.");
  await page.reload();
  expect(await shownVersion(page)).toBe(version + 1);
  await expect(slo.section.getByTestId("slo-version")).toContainText(`saved by ${adminName} at`);
  await expect(slo.section.getByTestId("slo-version")).toContainText("Checkout's timeout allows 150 ms (e2e)");
  await expect(slo.threshold).toHaveValue("150");
  await expect(slo.changeNote).toHaveValue("");

  const stale = latencySlo(staleTab);
  await stale.threshold.fill("130");
  await stale.changeNote.fill("Meanwhile, in another tab");
  await stale.save.click();
  await expect(stale.feedback).toContainText(`you started from version ${version}, and version ${version + 1} was saved by ${adminName}`);
  await expect(stale.feedback).toContainText("Reload to see it");
  await staleTab.reload();
  await expect(stale.threshold).toHaveValue("150");
  await staleTab.close();

  await page.goto("/audit?kind=slo.definition_saved");
  const saves = page.getByTestId("audit-table").locator('tr[data-action="slo.definition_saved"]');
  // Newest first: this save, with the version before and after it.
  await expect(saves.first()).toContainText(adminName);
  await expect(saves.first()).toContainText(`slo_definition ${SLO}`);
  await expect(saves.first()).toContainText('"thresholdMs": 150');
  await expect(saves.first()).toContainText("Checkout's timeout allows 150 ms (e2e)");
  await expect(saves.filter({ hasText: "Meanwhile, in another tab" })).toHaveCount(0);

  // Back to the blueprint's 120 ms, as a later version.
  await page.goto("/admin/slos");
  await slo.threshold.fill("120");
  await slo.changeNote.fill("Back to the blueprint's 120 ms (e2e)");
  await slo.save.click();
  await expect(slo.feedback).toContainText(`Saved as version ${version + 2}`);
  await expect(slo.sentence).toContainText("within 120 ms");
});

test("an ML lead cannot open the SLO definitions page: it names the role to ask for", async ({ page }) => {
  await signIn(page, "ml-lead", "/admin/slos");
  await expect(page.getByTestId("not-permitted")).toContainText("Stagegate.Admin role to view and edit SLOs");
  await expect(page.getByRole("form", { name: `Edit ${SLO}` })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).locator('a[href="/admin/slos"]')).toHaveCount(0);
});
