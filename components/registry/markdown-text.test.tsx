import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownText, safeMarkdownUrl } from "./markdown-text";

const render = (text: string) => renderToStaticMarkup(<MarkdownText text={text} />);

describe("MarkdownText", () => {
  it("shows inline and block HTML as text, never as markup", () => {
    const html = render(`Intro <b>bold</b>\n\n<script>window.__x=1</script><img src=x onerror="window.__x=2">`);
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain("&lt;script&gt;window.__x=1&lt;/script&gt;");
    expect(html).toContain("<p class=\"my-2\">&lt;script&gt;");
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });

  it("keeps http(s) and mailto links and drops javascript: and data: ones", () => {
    const html = render("[ok](https://wiki.example/x) [mail](mailto:a@b.c) [bad](javascript:alert(1)) [data](data:text/html,x)");
    expect(html).toContain('href="https://wiki.example/x"');
    expect(html).toContain('href="mailto:a@b.c"');
    expect(html).not.toMatch(/javascript:|data:text/);
    expect(html).toContain("<span>bad</span>");
    expect(safeMarkdownUrl(" JavaScript:alert(1)")).toBe("");
  });

  it("renders GFM, starts headings at h3 and shows images as links", () => {
    const html = render("## Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n![chart](https://img.example/c.png)");
    expect(html).toMatch(/<h3[^>]*>Title<\/h3>/);
    expect(html).toContain('<th scope="col"');
    expect(html).not.toContain("<input");
    expect(html).toContain("Done: ");
    expect(html).not.toContain("<img");
    expect(html).toContain("[image: chart]");
  });
});
