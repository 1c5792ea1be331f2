import type { Metadata } from "next";
import { RunPage } from "@/components/experiments/run-page";
import { requirePageContext } from "@/lib/auth/request-context";
import { runHref } from "@/lib/experiments/list-urls";
import { readRun } from "@/lib/experiments/read-run";
import { renderVerb } from "../../../../_components/verb-page";

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
  return renderVerb(
    () => readRun(ctx, input),
    (view) => <RunPage view={view} />,
  );
}
