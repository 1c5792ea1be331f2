import type { Metadata } from "next";
import { ExperimentList } from "@/components/experiments/experiment-list";
import { requirePageContext } from "@/lib/auth/request-context";
import { listExperiments } from "@/lib/experiments/list-experiments";
import { allParams, firstParam, pageSizeFrom, returnPath, type SearchParamsRecord } from "@/lib/experiments/list-urls";
import { renderVerb } from "../_components/verb-page";

export const metadata: Metadata = { title: "Experiments" };

export default async function ExperimentsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const params = await searchParams;
  const ctx = await requirePageContext(returnPath("/experiments", params));
  const input = {
    q: firstParam(params, "q"),
    order: firstParam(params, "order"),
    size: pageSizeFrom(firstParam(params, "size")),
    page: firstParam(params, "page"),
    trail: allParams(params, "trail"),
  };
  return renderVerb(
    () => listExperiments(ctx, input),
    (view) => <ExperimentList view={view} />,
  );
}
