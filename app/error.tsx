"use client";

import { ProblemPanel } from "@/components/feedback/problem-panel";
import { useRequestId } from "@/components/shell/request-id-context";

export default function ErrorBoundary({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const requestId = useRequestId();
  return (
    <ProblemPanel
      title="This page could not be shown"
      requestId={requestId}
      errorDigest={error.digest}
      action={
        <button type="button" onClick={reset} className="rounded bg-accent px-3 py-1.5 text-accent-ink">
          Try again
        </button>
      }
    >
      <p>
        Something went wrong on our side while loading it. Try again in a moment; if it keeps happening, send the
        request id below to your Stagegate administrator.
      </p>
    </ProblemPanel>
  );
}
