import type { ReactNode } from "react";

interface ProblemPanelProps {
  title: string;
  children: ReactNode;
  requestId?: string | null;
  errorDigest?: string;
  action?: ReactNode;
}

/** What happened, what to do, and the ids a user can quote to support. */
export function ProblemPanel({ title, children, requestId, errorDigest, action }: ProblemPanelProps) {
  return (
    <section role="alert" className="mx-auto max-w-2xl rounded-lg border border-line bg-surface-raised p-6">
      <h1 className="text-xl font-semibold">{title}</h1>
      <div className="mt-2 text-ink-muted">{children}</div>
      {(requestId || errorDigest) && (
        <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
          {requestId && (
            <>
              <dt className="text-ink-muted">Request id</dt>
              <dd className="font-mono" data-testid="request-id">
                {requestId}
              </dd>
            </>
          )}
          {errorDigest && (
            <>
              <dt className="text-ink-muted">Error digest</dt>
              <dd className="font-mono">{errorDigest}</dd>
            </>
          )}
        </dl>
      )}
      {action && <div className="mt-4">{action}</div>}
    </section>
  );
}
