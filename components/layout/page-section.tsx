import type { ReactNode } from "react";

/** A titled part of a page: a landmark named by its own heading, so screen readers list it. */
export function PageSection({ id, title, children, className = "space-y-2", headingClassName = "text-lg font-semibold" }: { id: string; title: ReactNode; children: ReactNode; className?: string; headingClassName?: string }) {
  return (
    <section aria-labelledby={`${id}-heading`} className={className}>
      <h2 id={`${id}-heading`} className={headingClassName}>
        {title}
      </h2>
      {children}
    </section>
  );
}
