import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });

  it("gives the same text for the same data whatever the key order", () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it("writes dates as ISO strings and bigints as numbers, and omits undefined members", () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 0, 2)), seq: 12n, gone: undefined })).toBe(
      '{"at":"2026-01-02T00:00:00.000Z","seq":12}',
    );
  });

  it("refuses values JSON cannot hold", () => {
    expect(() => canonicalJson({ bad: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ fn: () => 1 })).toThrow(/function/);
  });
});
