import "server-only";
import { forbidden, notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ProblemPanel } from "@/components/feedback/problem-panel";
import { UpstreamProblemPanel } from "@/components/feedback/upstream-problem-panel";
import { UpstreamUnavailable } from "@/components/feedback/upstream-unavailable";
import { isAuthorizationError } from "@/lib/auth/permissions";
import { isRefused } from "@/lib/errors/refused-error";
import { upstreamProblem } from "@/lib/errors/upstream-problem";
import { requestServices } from "@/lib/services/request-services";

/**
 * Runs a page's verb and renders its data; a refusal becomes the "ask for a role" page (HTTP 403), an
 * unknown id the not-found page (404; pages have no loading.tsx, so the status is not sent early), an upstream that is not configured the one "not configured" panel, and an
 * upstream failure with nothing cached a degraded page naming the upstream (never a 500 page).
 */
export async function renderVerb<T>(read: () => Promise<T>, render: (data: T) => ReactNode): Promise<ReactNode> {
  let data: T;
  try {
    data = await read();
  } catch (error) {
    if (isAuthorizationError(error)) forbidden();
    if (isRefused(error, "not_found")) notFound();
    if (isRefused(error)) return <ProblemPanel title="This cannot be shown">{error.message}</ProblemPanel>;
    const problem = upstreamProblem(error);
    if (problem) {
      const { requestId, log } = await requestServices();
      log.warn({ err: error }, "upstream unavailable for page");
      if (problem.notConfigured) {
        return (
          <div className="space-y-4">
            <h1 className="text-2xl font-semibold">This page needs {problem.upstream}</h1>
            <UpstreamProblemPanel problem={problem} />
          </div>
        );
      }
      return <UpstreamUnavailable upstream={problem.upstream} message={problem.message} requestId={requestId} />;
    }
    throw error;
  }
  return render(data);
}
