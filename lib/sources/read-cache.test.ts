import { describe, expect, it } from "vitest";
import { ReadCache } from "./read-cache";

describe("ReadCache", () => {
  it("serves a fresh value without calling the upstream again", async () => {
    let now = 0;
    const cache = new ReadCache({ freshMs: 1000, maxEntries: 10, now: () => now });
    let calls = 0;
    const load = async () => ++calls;
    expect((await cache.read("k", load)).value).toBe(1);
    now = 500;
    expect((await cache.read("k", load)).value).toBe(1);
    now = 1500;
    expect((await cache.read("k", load)).value).toBe(2);
  });

  it("returns the last good value with its age and reason when the upstream fails", async () => {
    let now = 0;
    const cache = new ReadCache({ freshMs: 1000, maxEntries: 10, now: () => now });
    await cache.read("k", async () => "good");
    now = 5000;
    const result = await cache.read("k", async () => {
      throw new Error("MLflow answered 503");
    });
    expect(result).toEqual({ value: "good", asOf: new Date(0), staleBecause: "MLflow answered 503" });
  });

  it("caps every freshness, a read's own included, and the stale serving window at capMs", async () => {
    let now = 0;
    const cache = new ReadCache({ freshMs: 15_000, serveStaleMs: 15_000, capMs: 100, maxEntries: 10, now: () => now });
    let calls = 0;
    const load = async () => ++calls;
    await cache.read("k", load, { freshMs: 60_000 });
    now = 50;
    expect((await cache.read("k", load, { freshMs: 60_000 })).value).toBe(1);
    now = 250;
    expect((await cache.read("k", load, { freshMs: 60_000 })).value).toBe(2);
    now = 600;
    const failed = await cache.read("k", () => Promise.reject(new Error("down")));
    expect(failed).toEqual({ value: 2, asOf: new Date(250), staleBecause: "down" });
  });

  it("throws when nothing was ever read for the key", async () => {
    const cache = new ReadCache({ freshMs: 1000, maxEntries: 10 });
    await expect(cache.read("k", async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
  });

  it("shares one upstream call between concurrent readers", async () => {
    const cache = new ReadCache({ freshMs: 1000, maxEntries: 10 });
    let calls = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 10));
    const values = await Promise.all([cache.read("k", load), cache.read("k", load), cache.read("k", load)]);
    expect(values.map((entry) => entry.value)).toEqual([1, 1, 1]);
    expect(calls).toBe(1);
  });

  it("evicts the least recently refreshed entry beyond its size and forgets invalidated prefixes", async () => {
    const cache = new ReadCache({ freshMs: 60_000, maxEntries: 2 });
    let calls = 0;
    const load = async () => ++calls;
    await cache.read("a:1", load);
    await cache.read("b:1", load);
    await cache.read("c:1", load); // evicts a:1
    expect((await cache.read("a:1", load)).value).toBe(4);
    cache.invalidate("c:");
    expect((await cache.read("c:1", load)).value).toBe(5);
  });

  it("within serveStaleMs answers at once with the stale value while one refresh runs, then serves the new one", async () => {
    let now = 0;
    const cache = new ReadCache({ freshMs: 1000, serveStaleMs: 1000, maxEntries: 10, now: () => now });
    let calls = 0;
    let release: () => void = () => {};
    const load = () => new Promise<number>((resolve) => (release = () => resolve(++calls)));
    const first = cache.read("k", load);
    release();
    expect((await first).value).toBe(1);
    now = 1500;
    const stale = await Promise.all([cache.read("k", load), cache.read("k", load)]);
    expect(stale.map((entry) => [entry.value, entry.asOf.getTime()])).toEqual([[1, 0], [1, 0]]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toBe(2);
    expect(await cache.read("k", load)).toEqual({ value: 2, asOf: new Date(1500) });
  });

  it("says why a background refresh failed on the stale value it serves, and waits for the upstream past serveStaleMs", async () => {
    let now = 0;
    const cache = new ReadCache({ freshMs: 1000, serveStaleMs: 1000, maxEntries: 10, now: () => now });
    await cache.read("k", async () => "good");
    now = 1200;
    const failing = async () => {
      throw new Error("Log Analytics answered 503");
    };
    expect(await cache.read("k", failing)).toEqual({ value: "good", asOf: new Date(0) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.read("k", failing)).toEqual({ value: "good", asOf: new Date(0), staleBecause: "Log Analytics answered 503" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    now = 2500;
    let waited = false;
    const value = await cache.read("k", async () => {
      waited = true;
      return "new";
    });
    expect([waited, value.value]).toEqual([true, "new"]);
  });
});
