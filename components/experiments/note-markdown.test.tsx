import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NoteMarkdown, safeUrl } from "./note-markdown";

describe("NoteMarkdown", () => {
  it("renders Markdown, shows raw HTML as text and drops unsafe links and images", () => {
    const html = renderToStaticMarkup(
      <NoteMarkdown
        label="Note"
        markdown={'**bold** <script>window.__x=1</script><img src=x onerror="y"> [bad](javascript:alert(1)) [ok](https://wiki.example/a) ![pixel](https://tracker.example/p.gif)'}
      />,
    );
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("&lt;script&gt;window.__x=1&lt;/script&gt;");
    expect(html).not.toMatch(/<script|<img|javascript:/);
    expect(html).toContain('<a href="https://wiki.example/a" class="text-accent underline" rel="noopener noreferrer nofollow" target="_blank">ok');
    expect(html).toContain("<span>bad</span>");
    expect(html).toContain("[image: pixel]");
  });

  it("allows only http(s) and mailto URLs", () => {
    expect(safeUrl("https://a.example")).toBe("https://a.example");
    expect(safeUrl("mailto:ana@example.com")).toBe("mailto:ana@example.com");
    for (const url of ["javascript:alert(1)", "data:text/html,x", "/relative", "vbscript:x"]) expect(safeUrl(url)).toBe("");
  });
});
