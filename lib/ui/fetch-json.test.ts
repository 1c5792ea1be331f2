import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchJson } from "./fetch-json";

const answer = (status: number, body: string) => vi.fn(async () => new Response(body, { status, headers: { "content-type": "application/json" } }));

describe("fetchJson", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("returns the body of a 2xx answer, asking past any cache", async () => {
    const fetched = answer(200, '{"state":"running"}');
    vi.stubGlobal("fetch", fetched);
    await expect(fetchJson<{ state: string }>("/api/rollouts/x/status")).resolves.toEqual({ state: "running" });
    expect(fetched).toHaveBeenCalledWith("/api/rollouts/x/status", { cache: "no-store" });
  });

  it("throws the route's message on an error answer, or the status when the body has none", async () => {
    vi.stubGlobal("fetch", answer(503, '{"error":"unavailable","message":"Log Analytics is not answering."}'));
    await expect(fetchJson("/api/x")).rejects.toThrow("Log Analytics is not answering.");
    vi.stubGlobal("fetch", answer(502, "<html>Bad gateway</html>"));
    await expect(fetchJson("/api/x")).rejects.toThrow("status 502");
  });
});
