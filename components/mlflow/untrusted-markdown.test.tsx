import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { safeMarkdownUrl, UntrustedMarkdown } from "./untrusted-markdown";

const render = (text: string) => renderToStaticMarkup(<UntrustedMarkdown text={text} />);

describe("UntrustedMarkdown", () => {
  it("shows inline and block HTML as text, never as markup", () => {
    const html = render(`Intro <b>bold</b>\n\n<script>window.__x=1</script><img src=x onerror="window.__x=2">`);
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain("&lt;script&gt;window.__x=1&lt;/script&gt;");
    expect(html).toContain('<p class="my-2">&lt;script&gt;');
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });

  it("renders a note's Markdown, shows its raw HTML as text and drops unsafe links and images", () => {
    const html = render('**bold** <script>window.__x=1</script><img src=x onerror="y"> [bad](javascript:alert(1)) [ok](https://wiki.example/a) ![pixel](https://tracker.example/p.gif)');
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("&lt;script&gt;window.__x=1&lt;/script&gt;");
    expect(html).not.toMatch(/<script|<img|javascript:|tracker\.example/);
    expect(html).toContain('<a href="https://wiki.example/a" class="text-accent underline" rel="noopener noreferrer nofollow">ok</a>');
    expect(html).toContain("<span>bad</span>");
    expect(html).toContain("[image: pixel]");
  });

  it("keeps http(s) and mailto links and drops javascript:, data: and relative ones", () => {
    const html = render("[ok](https://wiki.example/x) [mail](mailto:a@b.c) [bad](javascript:alert(1)) [data](data:text/html,x) [rel](/admin)");
    expect(html).toContain('href="https://wiki.example/x"');
    expect(html).toContain('href="mailto:a@b.c"');
    expect(html).not.toMatch(/javascript:|data:text|href="\/admin"/);
    expect(html).toContain("<span>bad</span>");
    expect(safeMarkdownUrl(" JavaScript:alert(1)")).toBe("");
    expect(safeMarkdownUrl("https://a.example")).toBe("https://a.example");
    expect(safeMarkdownUrl("mailto:ana@example.com")).toBe("mailto:ana@example.com");
    for (const url of ["javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "/relative", "//evil.example/x", "vbscript:x", "https:evil.example"]) expect(safeMarkdownUrl(url)).toBe("");
  });

  it("renders GFM, starts headings at h3 and loads no image, not even through a link", () => {
    const html = render("## Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n![chart](https://img.example/c.png)");
    expect(html).toMatch(/<h3[^>]*>Title<\/h3>/);
    expect(html).toContain('<th scope="col"');
    expect(html).not.toContain("<input");
    expect(html).toContain("Done: ");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("img.example");
    expect(html).toContain("[image: chart]");
  });

  it("names the text as a region when given a label", () => {
    const html = renderToStaticMarkup(<UntrustedMarkdown text="x" label="Run description" testId="note" />);
    expect(html).toMatch(/^<section aria-label="Run description" class="break-words" data-testid="note">/);
  });
});
