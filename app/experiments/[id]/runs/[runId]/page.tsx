import type { Metadata } from "next";
import { renderVerb } from "@/app/_components/verb-page";
import { RunPage } from "@/components/experiments/run-page";
import { requirePageContext } from "@/lib/auth/request-context";
import { readRun } from "@/lib/experiments/read-run";
import { requestServices } from "@/lib/services/request-services";
import { runHref } from "@/lib/ui/mlflow-links";

interface PageProps {
  params: Promise<{ id: string; runId: string }>;
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  return { title: `Run ${(await params).runId}` };
}

/** The page the version lineage links to: /experiments/<experimentId>/runs/<runId>. */
export default async function RunDetailsPage({ params }: PageProps) {
  const { id, runId } = await params;
  // Ids are plain tokens (checked by the verb): nothing to decode.
  const input = { experimentId: id, runId };
  const ctx = await requirePageContext(runHref(input.experimentId, input.runId));
  const services = await requestServices();
  return renderVerb(
    () => readRun(ctx, input, services),
    (view) => <RunPage view={view} />,
  );
}
