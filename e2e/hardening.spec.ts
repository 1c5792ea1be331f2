// Bad input gets a clear 4xx and changes nothing (issue 13, item 5): a malformed path, text the
// database cannot store, and a body over the size limit.
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

test("a path with a malformed %-escape answers 400 with the error body, not a 500", async ({ request }) => {
  for (const path of ["/models/%E0%A4%A", "/experiments/%", "/api/rollouts/%ZZ/status"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ error: "invalid_path", message: expect.stringContaining("malformed"), requestId: expect.any(String) });
    expect(response.headers()["x-request-id"]).toBe(body.requestId);
  }
});

test("a NUL byte or a lone surrogate in a JSON write answers 400 naming the field, and nothing is written", async ({ page }) => {
  await signIn(page, "ml-engineer", "/models/churn_xgb");
  const origin = new URL(page.url()).origin;
  const key = crypto.randomUUID();
  const post = (rationale: string) =>
    page.request.post("/api/promotions", { data: { model: "churn_xgb", version: "8", rationale }, headers: { "idempotency-key": key, origin } });
  for (const rationale of ["beats the champion\u0000 on auc", "beats the champion \uD83D on auc", "\uDC4D beats the champion on auc"]) {
    const response = await post(rationale);
    expect(response.status(), JSON.stringify(rationale)).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_input", fields: { rationale: expect.stringContaining("NUL") }, requestId: expect.any(String) });
  }
  // The key was never used: the same key with valid text is a new request (201), not a replay (200)
  // — or the version already has an open request from another spec (409): either way, not a replay.
  const valid = await post("beats the champion on auc, fairness reviewed");
  expect([201, 409]).toContain(valid.status());
});

test("a server action body over 1 MB answers 413 with the error body, not a 500", async ({ page }) => {
  await signIn(page, "admin", "/admin/policy");
  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/admin/policy", {
    headers: { "next-action": "0".repeat(40), origin, "content-type": "text/plain;charset=UTF-8" },
    data: "x".repeat(1024 * 1024 + 10),
  });
  expect(response.status()).toBe(413);
  expect(await response.json()).toMatchObject({ error: "too_large", message: expect.stringContaining("1 MB"), requestId: expect.any(String) });
});
