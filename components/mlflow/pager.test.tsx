import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Pager } from "./pager";

describe("Pager", () => {
  it("is absent when there is one page only", () => {
    expect(renderToStaticMarkup(<Pager label="Pages" firstHref={null} nextHref={null} />)).toBe("");
  });

  it("links the next page from the first, and says when a page is the last", () => {
    const first = renderToStaticMarkup(<Pager label="Pages" firstHref={null} nextHref="/x?page=2" position="Page 1 (1–25)" />);
    expect(first).toContain('aria-label="Pages"');
    expect(first).toMatch(/rel="next" data-testid="next-page" href="\/x\?page=2">Next page/);
    expect(first).toContain('data-testid="page-position">Page 1 (1–25)');
    expect(first).not.toContain("First page");
    const last = renderToStaticMarkup(<Pager label="Pages" firstHref="/x" previousHref="/x?page=2" nextHref={null} />);
    expect(last).toContain('href="/x"');
    expect(last).toMatch(/rel="prev" href="\/x\?page=2">Previous page/);
    expect(last).toContain("Last page");
    expect(last).not.toContain("Next page");
  });
});
