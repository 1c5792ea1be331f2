import { NotFoundPanel } from "@/components/feedback/not-found-panel";
import { currentRequestId } from "@/lib/log/request-logger";

/** An unknown model or version: MLflow answered, and has nothing by that name. */
export default async function ModelNotFound() {
  return (
    <NotFoundPanel title="No such model or version" back={{ href: "/models", label: "Browse the registered models" }} requestId={await currentRequestId()}>
      <p data-testid="model-not-found">
        MLflow has no registered model, or no version of it, at this address. It may have been renamed or deleted; model names are case-sensitive.
      </p>
    </NotFoundPanel>
  );
}
