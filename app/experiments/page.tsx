import type { Metadata } from "next";
import { renderVerb } from "@/app/_components/verb-page";
import { ExperimentList } from "@/components/experiments/experiment-list";
import { requirePageContext } from "@/lib/auth/request-context";
import { listExperiments } from "@/lib/experiments/list-experiments";
import { firstParam, pagingParams, returnPath, type SearchParamsRecord } from "@/lib/experiments/list-urls";
import { requestServices } from "@/lib/services/request-services";

export const metadata: Metadata = { title: "Experiments" };

export default async function ExperimentsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const params = await searchParams;
  const ctx = await requirePageContext(returnPath("/experiments", params));
  const input = { q: firstParam(params, "q"), order: firstParam(params, "order"), ...pagingParams(params) };
  const services = await requestServices();
  return renderVerb(
    () => listExperiments(ctx, input, services),
    (view) => <ExperimentList view={view} />,
  );
}
