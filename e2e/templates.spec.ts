// The rollout templates page: an Admin edits a template as JSON; bad JSON and plans the schema
// refuses change nothing, a valid edit is a new version and an audit event. It edits `standard`,
// which the e2e rollouts do not use (they run `demo`), and restores its content at the end.
import type { Browser, Page } from "@playwright/test";
import { checkPage, demoUser, expect, signIn, test } from "./fixtures";

async function as(browser: Browser, key: string, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, key, path);
  return page;
}

function standardTemplate(page: Page) {
  const form = page.getByRole("form", { name: "Template standard" });
  return { form, content: form.getByRole("textbox"), save: form.getByRole("button", { name: "Save standard" }), feedback: form.getByTestId("form-feedback") };
}

/** The template's version as its label shows it ("standard (version 3)"). */
async function shownVersion(page: Page): Promise<number> {
  const label = await standardTemplate(page).form.locator("label").textContent();
  const version = label?.match(/\(version (\d+)\)/)?.[1];
  expect(version, `version in "${label}"`).toBeDefined();
  return Number(version);
}

test("an Admin edits the standard template: bad JSON and a step over 100 % are refused naming the problem, a valid edit is a new version and audited", async ({ browser }) => {
  const admin = await as(browser, "admin", "/admin/templates");
  await expect(admin.getByRole("heading", { level: 1, name: "Rollout templates" })).toBeVisible();
  await expect(admin.getByRole("form", { name: "Template demo" })).toBeVisible();
  const standard = standardTemplate(admin);
  await expect(standard.form).toBeVisible();
  await checkPage(admin, "admin-templates");
  const original = await standard.content.inputValue();
  const originalContent = JSON.parse(original);
  expect(originalContent.steps.at(-1)).toEqual({ kind: "live", percent: 100 });
  const version = await shownVersion(admin);

  const notJson = original.replace(/}\s*$/, ",\n}");
  await standard.content.fill(notJson);
  await standard.save.click();
  await expect(standard.feedback).toContainText("Nothing was changed");
  await expect(standard.feedback).toContainText("content: is not valid JSON");
  // The admin's text stays in the editor, so the mistake can be fixed rather than retyped.
  await expect(standard.content).toHaveValue(notJson);

  const tooMuch = structuredClone(originalContent);
  tooMuch.steps[1].percent = 150;
  await standard.content.fill(JSON.stringify(tooMuch, null, 2));
  await standard.save.click();
  await expect(standard.feedback).toContainText("content.steps.1.percent");
  await expect(standard.form.getByText(/^steps\.1\.percent: .*100/)).toBeVisible();

  await admin.reload();
  expect(JSON.parse(await standard.content.inputValue())).toEqual(originalContent);
  expect(await shownVersion(admin)).toBe(version);

  const edited = { ...originalContent, description: "Shadow, then 10, 25, 50 and 100 % live; 10 minutes each (e2e edit)", bakeSeconds: 600 };
  await standard.content.fill(JSON.stringify(edited, null, 2));
  await standard.save.click();
  await expect(standard.feedback).toContainText(`Saved template standard as version ${version + 1}`);
  await admin.reload();
  expect(JSON.parse(await standard.content.inputValue())).toEqual(edited);
  expect(await shownVersion(admin)).toBe(version + 1);
  const adminName = demoUser("admin").name;
  await expect(admin.getByText(`Last saved by ${adminName} at`)).toHaveCount(1);

  await admin.goto("/audit?kind=template.changed");
  const changes = admin.getByTestId("audit-table").locator('tr[data-action="template.changed"]');
  await expect(changes).toHaveCount(1);
  await expect(changes).toContainText(adminName);
  await expect(changes).toContainText("rollout_template standard");
  await expect(changes).toContainText('"bakeSeconds": 600');

  // Back to the original steps and bake time, as a later save.
  await admin.goto("/admin/templates");
  await standard.content.fill(original);
  await standard.save.click();
  await expect(standard.feedback).toContainText(`Saved template standard as version ${version + 2}`);
  await admin.reload();
  expect(JSON.parse(await standard.content.inputValue())).toEqual(originalContent);
  await admin.context().close();
});

test("an ML lead cannot open the templates page: it names the role to ask for", async ({ browser }) => {
  const lead = await as(browser, "ml-lead", "/admin/templates");
  await expect(lead.getByTestId("not-permitted")).toContainText("Stagegate.Admin role to view and edit rollout templates");
  await expect(lead.getByRole("form", { name: "Template standard" })).toHaveCount(0);
  await expect(lead.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Templates" })).toHaveCount(0);
  await lead.context().close();
});
