import "server-only";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { NotPermitted } from "@/components/feedback/not-permitted";
import { ProblemPanel } from "@/components/feedback/problem-panel";
import { UpstreamUnavailable } from "@/components/feedback/upstream-unavailable";
import { AuthorizationError } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors/not-found-error";
import { RefusedError } from "@/lib/errors/refused-error";
import { currentRequestId, requestLogger } from "@/lib/log/request-logger";
import { MlflowNotConfiguredError } from "@/lib/sources/mlflow";
import { UpstreamError } from "@/lib/sources/upstream-error";


/**
 * Runs a page's verb and renders its data; a refusal becomes the "ask for a role" panel, an
 * upstream failure with nothing cached a degraded page naming the upstream (never a 500 page).
 */
export async function renderVerb<T>(read: () => Promise<T>, render: (data: T) => ReactNode): Promise<ReactNode> {
  let data: T;
  try {
    data = await read();
  } catch (error) {
    if (error instanceof AuthorizationError) return <NotPermitted message={error.message} />;
    if (error instanceof NotFoundError || (error instanceof RefusedError && error.code === "not_found")) notFound();
    if (error instanceof RefusedError) return <ProblemPanel title="This cannot be shown">{error.message}</ProblemPanel>;
    if (error instanceof UpstreamError || error instanceof MlflowNotConfiguredError) {
      (await requestLogger()).warn({ err: error }, "upstream unavailable for page");
      const upstream = error instanceof UpstreamError ? error.upstream : "MLflow";
      return <UpstreamUnavailable upstream={upstream} message={error.message} requestId={await currentRequestId()} />;
    }
    throw error;
  }
  return render(data);
}
