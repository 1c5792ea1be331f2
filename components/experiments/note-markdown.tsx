import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

// Notes come from MLflow (anyone who can log a run writes them): Markdown only, raw HTML shown as
// text, links only to http(s) and mailto, and no images (they would call out to other servers).
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

export function safeUrl(url: string): string {
  try {
    return SAFE_PROTOCOLS.has(new URL(url).protocol) ? url : "";
  } catch {
    return "";
  }
}

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} className="text-accent underline" rel="noopener noreferrer nofollow" target="_blank">
        {children}
        <span className="sr-only"> (opens in a new tab)</span>
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ alt }) => <span>{alt ? `[image: ${alt}]` : "[image]"}</span>,
  // The page has its own h1 and h2: a note's headings sit below them.
  h1: ({ node: _node, ...props }) => <h3 className="text-base font-semibold" {...props} />,
  h2: ({ node: _node, ...props }) => <h3 className="text-base font-semibold" {...props} />,
  h3: ({ node: _node, ...props }) => <h4 className="font-semibold" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="list-disc pl-6" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="list-decimal pl-6" {...props} />,
  code: ({ node: _node, ...props }) => <code className="rounded bg-surface-raised px-1 font-mono text-[0.9em]" {...props} />,
};

/** An MLflow note (mlflow.note.content) rendered as sanitized Markdown. */
export function NoteMarkdown({ markdown, label }: { markdown: string; label: string }) {
  return (
    <section aria-label={label} className="max-w-3xl space-y-2 rounded border border-line p-3 text-sm" data-testid="note">
      <Markdown remarkPlugins={[remarkGfm]} components={components} urlTransform={safeUrl}>
        {markdown}
      </Markdown>
    </section>
  );
}
