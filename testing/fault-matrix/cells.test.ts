import { describe, expect, it } from "vitest";
import { UPSTREAMS } from "../../emulator/http/faults";
import { allCells, KINDS, sampleCells, seedOfToday } from "./cells";

const pages = Array.from({ length: 20 }, (_, index) => `/page-${index}`);

describe("fault matrix cells", () => {
  it("the whole matrix is every page × upstream × kind, once each", () => {
    const cells = allCells(pages);
    expect(cells).toHaveLength(pages.length * UPSTREAMS.length * KINDS.length);
    expect(new Set(cells.map((cell) => `${cell.page} ${cell.upstream} ${cell.kind}`)).size).toBe(cells.length);
  });

  it.each([0, 1, 23, 24, 20261203, 987654321])("the sample of seed %i covers every upstream × kind and every page", (seed) => {
    for (const pageList of [pages, pages.slice(0, 3), [...pages, ...pages.map((page) => `${page}b`)]]) {
      const cells = sampleCells(pageList, seed);
      expect(new Set(cells.map((cell) => `${cell.upstream} ${cell.kind}`)).size).toBe(UPSTREAMS.length * KINDS.length);
      expect(new Set(cells.map((cell) => cell.page))).toEqual(new Set(pageList));
      expect(cells.length).toBe(Math.max(UPSTREAMS.length * KINDS.length, pageList.length));
    }
  });

  it("the same seed gives the same sample; another seed another", () => {
    expect(sampleCells(pages, 7)).toEqual(sampleCells(pages, 7));
    expect(sampleCells(pages, 7)).not.toEqual(sampleCells(pages, 8));
  });

  it("today's seed is the UTC date", () => {
    expect(seedOfToday(new Date("2026-12-03T23:59:00Z"))).toBe(20261203);
  });
});
