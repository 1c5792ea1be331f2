import type { ReactNode } from "react";

/** A short note on the page: "warn" for something the reader should act on, "info" otherwise. */
export function Notice({ tone = "info", children, testId }: { tone?: "info" | "warn"; children: ReactNode; testId?: string }) {
  const style = tone === "warn" ? "border-warn bg-warn-bg" : "border-line bg-surface-raised";
  return (
    <div role={tone === "warn" ? "status" : undefined} className={`rounded border p-3 text-sm ${style}`} data-testid={testId}>
      {children}
    </div>
  );
}
