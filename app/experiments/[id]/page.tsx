import type { Metadata } from "next";
import { ExperimentRuns } from "@/components/experiments/experiment-runs";
import { requirePageContext } from "@/lib/auth/request-context";
import { allParams, experimentHref, firstParam, pageSizeFrom, returnPath, type SearchParamsRecord } from "@/lib/experiments/list-urls";
import { readExperimentRuns } from "@/lib/experiments/read-experiment-runs";
import { renderVerb } from "../../_components/verb-page";

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
    size: pageSizeFrom(firstParam(query, "size")),
    page: firstParam(query, "page"),
    trail: allParams(query, "trail"),
  };
  return renderVerb(
    () => readExperimentRuns(ctx, input),
    (view) => <ExperimentRuns view={view} />,
  );
}
