import Link from "next/link";
import { ProblemPanel } from "@/components/feedback/problem-panel";
import { currentRequestId } from "@/lib/log/request-logger";

/** An unknown model or version: MLflow answered, and has nothing by that name. */
export default async function ModelNotFound() {
  return (
    <ProblemPanel
      title="No such model or version"
      requestId={await currentRequestId()}
      action={
        <Link href="/models" className="text-accent underline">
          Browse the registered models
        </Link>
      }
    >
      <p data-testid="model-not-found">
        MLflow has no registered model, or no version of it, at this address. It may have been renamed or deleted; model names are case-sensitive.
      </p>
    </ProblemPanel>
  );
}
