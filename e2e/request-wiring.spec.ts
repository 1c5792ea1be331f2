// Issue 12 on the built server: every JSON route answers an error with the one body
// {error, message, requestId}, and errors are recognised by kind, not by class. The defect it
// guards: after a page had read MLflow, the MLflow client (and its error class) came from the page's
// bundle, so POST /api/promotions for an unknown version answered 500 instead of 404.
import type { APIResponse } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

const PROMOTION = { model: "churn_xgb", version: "99", rationale: "a version MLflow does not have, asked for by a script" };

/** The one error body, with the request id the proxy also sent as a header. */
async function expectErrorBody(response: APIResponse, status: number, error: string, message: RegExp | string) {
  expect(response.status()).toBe(status);
  const body = await response.json();
  expect(body).toMatchObject({ error, message: typeof message === "string" ? expect.stringContaining(message) : expect.stringMatching(message), requestId: expect.any(String) });
  expect(body.requestId).not.toBe("");
  expect(response.headers()["x-request-id"]).toBe(body.requestId);
}

test("after pages read MLflow, POST /api/promotions for an unknown version answers 404 with the one error body", async ({ page }) => {
  await signIn(page, "ml-engineer", "/models/churn_xgb");
  // Both pages read MLflow, so its client and error classes now exist in the pages' bundle.
  await expect(page.getByTestId("version-row").first()).toBeVisible();
  await page.goto("/models/churn_xgb/versions/7");
  await expect(page.getByRole("heading", { name: "Promotion policy" })).toBeVisible();

  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/api/promotions", { data: PROMOTION, headers: { origin, "idempotency-key": crypto.randomUUID() } });
  await expectErrorBody(response, 404, "not_found", "99");
});

test("POST /api/promotions answers a body that is not a JSON object with 400 and the one error body", async ({ page }) => {
  await signIn(page, "ml-engineer", "/models/churn_xgb");
  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/api/promotions", { data: "[1]", headers: { origin, "content-type": "application/json", "idempotency-key": crypto.randomUUID() } });
  await expectErrorBody(response, 400, "invalid_input", "must be a JSON object");
});

test("POST /api/promotions without a session answers 401 with the one error body", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  try {
    // The app's own origin, so the route itself (not the proxy's origin check) refuses it.
    const response = await anonymous.post("/api/promotions", { data: PROMOTION, headers: { origin: new URL(baseURL!).origin, "idempotency-key": crypto.randomUUID() } });
    await expectErrorBody(response, 401, "unauthorized", /sign in/i);
  } finally {
    await anonymous.dispose();
  }
});
