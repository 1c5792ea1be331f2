// Bad input gets a clear 4xx and changes nothing (issue 13, item 5): a malformed path, text the
// database cannot store, a body over the size limit, and a write from another origin.
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
    page.request.post("/api/promotions", { data: { model: "churn_xgb", version: "99", rationale }, headers: { "idempotency-key": key, origin } });
  for (const rationale of ["beats the champion\u0000 on auc", "beats the champion \uD83D on auc", "\uDC4D beats the champion on auc"]) {
    const response = await post(rationale);
    expect(response.status(), JSON.stringify(rationale)).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_input", fields: { rationale: expect.stringContaining("NUL") }, requestId: expect.any(String) });
  }
  // Nothing was stored under the key: with valid text it is looked up afresh (MLflow has no v99, so
  // 404) instead of replaying a stored request (200). No request is made, so other specs see none.
  const valid = await page.request.post("/api/promotions", { data: { model: "churn_xgb", version: "99", rationale: "beats the champion on auc, fairness reviewed" }, headers: { "idempotency-key": key, origin } });
  expect(valid.status()).toBe(404);
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

test("a server action runs only when its Origin is the app's own: a missing or forged one is refused with 403 and changes nothing", async ({ page }) => {
  await signIn(page, "admin", "/admin/policy");
  const version = await page.getByText(/^Version \d+, saved by/).textContent();
  // The browser's own server-action request, captured instead of sent, then replayed with other
  // headers. Its metric name is one the action refuses, so even the accepted replay writes nothing
  // (other specs save policy versions and must not race this one).
  let captured: { headers: Record<string, string>; body: Buffer } | undefined;
  await page.route("**/admin/policy", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    captured = { headers: route.request().headers(), body: route.request().postDataBuffer()! };
    return route.abort();
  });
  await page.getByLabel("Rule 1 metric").fill("not a <metric>");
  await page.getByLabel("What changed and why").fill("hardening e2e: refused by the action itself");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect.poll(() => captured).toBeDefined();
  const { origin: ownOrigin, ...withoutOrigin } = captured!.headers;
  expect(ownOrigin).toBe(new URL(page.url()).origin);
  const replay = (headers: Record<string, string>) => page.request.post("/admin/policy", { headers: { ...withoutOrigin, ...headers }, data: captured!.body, maxRedirects: 0 });

  for (const [variant, headers] of [
    ["no Origin", {}],
    ["no Origin, Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["an evil Origin with X-Forwarded-Host", { origin: "https://evil.example", "x-forwarded-host": "evil.example" }],
  ] as const) {
    const response = await replay(headers);
    expect(response.status(), variant).toBe(403);
    expect(await response.json(), variant).toMatchObject({ error: "cross_origin", requestId: expect.any(String) });
  }
  // The same request from the app's own origin reaches the action, which judges its input itself.
  const control = await replay({ origin: ownOrigin! });
  expect(control.status()).toBe(200);
  expect(await control.text()).toContain("content.rules.0.metric");
  await page.unroute("**/admin/policy");
  await page.reload();
  await expect(page.getByText(/^Version \d+, saved by/)).toHaveText(version!);
});
