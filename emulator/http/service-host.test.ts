import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Router, json } from "./router";
import type { ErrorShape, RunningService } from "./service-host";
import { startTestService, stopServices, testContext } from "../testing/test-context";

const errors: ErrorShape = {
  error: (status, message) => json(status, { error: { code: `E${status}`, message } }),
  throttled: (seconds) => json(429, { error: { code: "TooManyRequests", message: "slow down" } }, { "retry-after": String(seconds) }),
};

describe("service host", () => {
  const context = testContext();
  let service: RunningService;
  beforeAll(async () => {
    const router = new Router({ caseInsensitive: true })
      .add("GET", "/subscriptions/:sub/items/:id", (request) => json(200, { sub: request.params.sub, id: request.params.id, q: request.query.getAll("k") }))
      .add("POST", "/echo", (request) => json(200, JSON.parse(request.body.toString())));
    service = await startTestService(context, "arm", { name: "arm", upstream: "arm", router, errors });
  });
  afterAll(() => stopServices([service]));

  it("serves HTTPS trusted through NODE_EXTRA_CA_CERTS, collapsing double slashes, with repeated query keys", async () => {
    const response = await fetch(`${service.url}//SUBSCRIPTIONS/s1/items/a%20b?k=1&k=2`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sub: "s1", id: "a b", q: ["1", "2"] });
  });

  it("answers unknown routes, wrong methods and malformed bodies in the service's error shape", async () => {
    expect((await fetch(`${service.url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${service.url}/echo`)).status).toBe(405);
    const bad = await fetch(`${service.url}/echo`, { method: "POST", body: "{not json" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "E400" } });
  });

  it("injects counted faults, then recovers, and counts requests per route", async () => {
    context.faults.add("arm", { kind: "error", status: 503, count: 1 });
    context.faults.add("arm", { kind: "throttle", retryAfterSeconds: 7, count: 1 });
    const first = await fetch(`${service.url}/subscriptions/s/items/1`);
    const second = await fetch(`${service.url}/subscriptions/s/items/1`);
    const third = await fetch(`${service.url}/subscriptions/s/items/1`);
    expect([first.status, second.status, third.status]).toEqual([503, 429, 200]);
    expect(second.headers.get("retry-after")).toBe("7");
    expect(context.counters.snapshot().arm).toMatchObject({ "GET /subscriptions/:sub/items/:id": 2, "fault 503": 1, "fault 429": 1 });
  });

  it("adds latency without changing the answer", async () => {
    context.faults.add("arm", { kind: "latency", latencyMs: 150, count: 1 });
    const started = performance.now();
    const response = await fetch(`${service.url}/subscriptions/s/items/1`);
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});
