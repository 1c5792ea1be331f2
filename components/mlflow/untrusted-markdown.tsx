import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

// Markdown from MLflow (model and version descriptions, experiment and run notes) is untrusted:
// anyone who can log a run writes it. So: no raw HTML (shown as text, never as markup), links only
// to http(s) and mailto, and no images (loading one would call out to a server of the author's
// choosing; the alt text stands in).
const SAFE_PREFIX = /^(https?:\/\/|mailto:)/i;
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** The URL when it is an absolute http(s) or mailto address, else "" (react-markdown then drops it). */
export function safeMarkdownUrl(url: string): string {
  const trimmed = url.trim();
  if (!SAFE_PREFIX.test(trimmed)) return "";
  try {
    return SAFE_PROTOCOLS.has(new URL(trimmed).protocol) ? trimmed : "";
  } catch {
    return "";
  }
}

interface MdastNode {
  type: string;
  value?: string;
  children?: MdastNode[];
}

const FLOW_PARENTS = new Set(["root", "blockquote", "listItem"]);

/** Raw HTML becomes text (block HTML a paragraph of it), so it reads like the rest of the text. */
function remarkHtmlAsText() {
  const walk = (node: MdastNode) => {
    node.children = node.children?.map((child) => {
      if (child.type !== "html") return child;
      const text = { type: "text", value: child.value ?? "" };
      return FLOW_PARENTS.has(node.type) ? { type: "paragraph", children: [text] } : text;
    });
    node.children?.forEach(walk);
  };
  return (tree: MdastNode) => walk(tree);
}

// The text sits under the page's own h1 and h2, so its headings start at h3.
const HEADING = "mt-4 font-semibold first:mt-0";
const COMPONENTS: Components = {
  h1: ({ children }) => <h3 className={`${HEADING} text-lg`}>{children}</h3>,
  h2: ({ children }) => <h3 className={`${HEADING} text-base`}>{children}</h3>,
  h3: ({ children }) => <h4 className={HEADING}>{children}</h4>,
  h4: ({ children }) => <h5 className={HEADING}>{children}</h5>,
  h5: ({ children }) => <h6 className={HEADING}>{children}</h6>,
  h6: ({ children }) => <h6 className={HEADING}>{children}</h6>,
  p: ({ children }) => <p className="my-2">{children}</p>,
  ul: ({ children }) => <ul className="my-2 list-disc pl-6">{children}</ul>,
  ol: ({ children }) => <ol className="my-2 list-decimal pl-6">{children}</ol>,
  blockquote: ({ children }) => <blockquote className="my-2 border-l-4 border-line pl-3 text-ink-muted">{children}</blockquote>,
  code: ({ children }) => <code className="rounded bg-surface-raised px-1 font-mono text-[0.9em]">{children}</code>,
  pre: ({ children }) => <pre className="my-2 overflow-x-auto rounded bg-surface-raised p-3 text-sm">{children}</pre>,
  table: ({ children }) => <table className="my-2 border-collapse text-sm">{children}</table>,
  th: ({ children }) => (
    <th scope="col" className="border border-line px-2 py-1 text-left font-medium">
      {children}
    </th>
  ),
  td: ({ children }) => <td className="border border-line px-2 py-1">{children}</td>,
  a: ({ href, children }) =>
    href ? (
      <a href={href} className="text-accent underline" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // GFM task lists: a checkbox without a label fails accessibility checks; say it in text instead.
  input: ({ checked }) => (
    <>
      <span aria-hidden="true">{checked ? "☑ " : "☐ "}</span>
      <span className="sr-only">{checked ? "Done: " : "To do: "}</span>
    </>
  ),
  img: ({ alt }) => <span>{alt ? `[image: ${alt}]` : "[image]"}</span>,
};

interface UntrustedMarkdownProps {
  text: string;
  className?: string;
  /** Names the text as a region (e.g. "Run description"); without it the text is part of its section. */
  label?: string;
  testId?: string;
}

/** Markdown from MLflow, rendered safely: the one renderer of MLflow's descriptions and notes. */
export function UntrustedMarkdown({ text, className = "", label, testId = "markdown" }: UntrustedMarkdownProps) {
  const body = (
    <Markdown remarkPlugins={[remarkGfm, remarkHtmlAsText]} urlTransform={safeMarkdownUrl} components={COMPONENTS}>
      {text}
    </Markdown>
  );
  const style = ["break-words", className].filter(Boolean).join(" ");
  return label ? (
    <section aria-label={label} className={style} data-testid={testId}>
      {body}
    </section>
  ) : (
    <div className={style} data-testid={testId}>
      {body}
    </div>
  );
}
