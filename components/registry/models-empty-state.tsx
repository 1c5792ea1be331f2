import Link from "next/link";
import { Notice } from "./notice";

/** What an empty models page means, and what to do about it. */
export function ModelsEmptyState({ filtered, hasNextPage }: { filtered: boolean; hasNextPage: boolean }) {
  if (!filtered) {
    return (
      <Notice testId="models-empty">
        <p className="font-medium">MLflow has no registered models yet.</p>
        <p className="mt-1 text-ink-muted">
          Register a model from a run (<code className="font-mono">mlflow.register_model(&quot;runs:/&lt;run id&gt;/model&quot;, &quot;name&quot;)</code>) and it
          appears here.
        </p>
      </Notice>
    );
  }
  return (
    <Notice testId="models-empty">
      <p className="font-medium">No registered model on this page matches these filters.</p>
      <p className="mt-1 text-ink-muted">
        {hasNextPage ? "Later pages may hold matches: follow Next page. " : ""}
        Try part of the name, check the tag&apos;s exact key and value, or{" "}
        <Link href="/models" className="text-accent underline">
          clear the filters
        </Link>
        .
      </p>
    </Notice>
  );
}
