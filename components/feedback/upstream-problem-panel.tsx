import Link from "next/link";
import type { UpstreamProblem } from "@/lib/errors/upstream-problem";
import { RequestIdQuote } from "./request-id-quote";

/**
 * An upstream a section needs is not configured or not answering, and nothing was read before:
 * the same panel wherever it happens, so people learn to read it once.
 */
export function UpstreamProblemPanel({ problem, requestId }: { problem: UpstreamProblem; requestId?: string | null }) {
  const title = problem.notConfigured ? `${problem.upstream} is not configured` : `${problem.upstream} is not answering`;
  return (
    <section role="status" aria-label={title} data-testid={problem.notConfigured ? "not-configured" : "upstream-unavailable"} className="rounded-lg border border-warn bg-warn-bg p-4 text-sm">
      <h2 className="font-semibold">{title}</h2>
      <p className="mt-1">{problem.message}</p>
      {problem.notConfigured ? (
        <p className="mt-1">An administrator sets these in Stagegate&apos;s environment (see .env.example) and restarts it; nothing else is needed here.</p>
      ) : (
        <p className="mt-1">
          Nothing was changed. Reload in a minute; if it persists, tell whoever runs {problem.upstream}
          <RequestIdQuote requestId={requestId} />.{" "}
          <Link href="/status" className="text-accent underline">
            Check the system status
          </Link>
        </p>
      )}
    </section>
  );
}
