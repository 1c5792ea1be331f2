import { describe, expect, it } from "vitest";
import { forgetProcessSingleton, processSingleton } from "./process-singletons";

describe("processSingleton", () => {
  it("creates once and serves the same value to every later caller", () => {
    let created = 0;
    const first = processSingleton("test.once", () => ({ n: ++created }));
    const second = processSingleton("test.once", () => ({ n: ++created }));
    expect(second).toBe(first);
    expect(created).toBe(1);
    forgetProcessSingleton("test.once");
  });

  it("is shared through globalThis, so a second copy of this module sees the same value", async () => {
    const value = processSingleton("test.shared", () => ({}));
    // A fresh module instance stands for the copy another bundle loads.
    const copy = (await import(`./process-singletons?copy=${Date.now()}`)) as typeof import("./process-singletons");
    expect(copy.processSingleton("test.shared", () => ({ other: true }))).toBe(value);
    forgetProcessSingleton("test.shared");
  });

  it("stores nothing when creating throws, so the next caller tries again", () => {
    expect(() => processSingleton("test.throws", () => { throw new Error("not configured"); })).toThrow("not configured");
    expect(processSingleton("test.throws", () => 42)).toBe(42);
    forgetProcessSingleton("test.throws");
  });
});
