import type { Metadata } from "next";
import { renderVerb } from "@/app/_components/verb-page";
import { ExperimentRuns } from "@/components/experiments/experiment-runs";
import { requirePageContext } from "@/lib/auth/request-context";
import { allParams, firstParam, pagingParams, returnPath, type SearchParamsRecord } from "@/lib/experiments/list-urls";
import { readExperimentRuns } from "@/lib/experiments/read-experiment-runs";
import { requestServices } from "@/lib/services/request-services";
import { experimentHref } from "@/lib/ui/mlflow-links";

interface PageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParamsRecord>;
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  return { title: `Experiment ${(await params).id}` };
}

export default async function ExperimentRunsPage({ params, searchParams }: PageProps) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  // Ids are plain tokens (checked by the verb): nothing to decode.
  const experimentId = id;
  const ctx = await requirePageContext(returnPath(experimentHref(experimentId), query));
  const input = {
    experimentId,
    filter: firstParam(query, "filter"),
    order: firstParam(query, "order"),
    columns: allParams(query, "columns"),
    ...pagingParams(query),
  };
  const services = await requestServices();
  return renderVerb(
    () => readExperimentRuns(ctx, input, services),
    (view) => <ExperimentRuns view={view} />,
  );
}
