import type { Metadata } from "next";
import { renderVerb } from "@/app/_components/verb-page";
import { KeyValueTable } from "@/components/data/key-value-table";
import { AsOf } from "@/components/feedback/as-of";
import { Breadcrumbs } from "@/components/mlflow/breadcrumbs";
import { UntrustedMarkdown } from "@/components/mlflow/untrusted-markdown";
import { ModelSummary } from "@/components/registry/model-summary";
import { Notice } from "@/components/registry/notice";
import { VersionsTable } from "@/components/registry/versions-table";
import { requirePageContext } from "@/lib/auth/request-context";
import { readPolicyMetrics } from "@/lib/policy/read-policy";
import { readModel } from "@/lib/registry/read-model";
import { requestServices } from "@/lib/services/request-services";
import { modelHref, segmentText } from "@/lib/ui/mlflow-links";
import { PageSection } from "@/components/layout/page-section";

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: segmentText((await params).name) };
}

export default async function ModelPage({ params }: { params: Params }) {
  const name = segmentText((await params).name);
  const ctx = await requirePageContext(modelHref(name));
  const services = await requestServices();
  return renderVerb(
    // The versions table shows the metrics the current promotion policy judges.
    () => Promise.all([readModel(ctx, { name }, services), readPolicyMetrics(ctx, {}, services)]),
    ([model, policy]) => (
      <div className="space-y-6">
        <div className="space-y-2">
          <Breadcrumbs trail={[{ label: "Models", href: "/models" }]} />
          <h1 className="text-2xl font-semibold break-all">{model.name}</h1>
          <ModelSummary name={model.name} owner={model.owner} createdAt={model.createdAt} lastUpdated={model.lastUpdated} aliases={model.aliases} versionCount={model.versions.length} />
          <AsOf source="MLflow" asOf={model.asOf} staleBecause={model.staleBecause} />
        </div>

        <PageSection id="description" title="Description">
          {model.description ? (
            <UntrustedMarkdown text={model.description} className="max-w-3xl rounded-lg border border-line p-4" />
          ) : (
            <p className="text-sm text-ink-muted">No description. Add one in MLflow (Markdown is rendered here).</p>
          )}
        </PageSection>

        <PageSection id="versions" title="Versions">
          <p className="text-sm text-ink-muted">
            Metric columns are the promotion policy&apos;s metrics, as the source run logged them. Open a version for its lineage and its comparison with the champion.
          </p>
          {model.versions.length === 0 ? (
            <Notice>This model has no versions yet. Register one from a run and it appears here.</Notice>
          ) : (
            <VersionsTable model={model.name} versions={model.versions} metricNames={policy.metricNames} />
          )}
          {model.versions.length > model.versionsWithMetrics && (
            <p className="text-sm text-ink-muted">Metrics are shown for the newest {model.versionsWithMetrics} versions; open an older version to see its run.</p>
          )}
        </PageSection>

        <PageSection id="tags" title="Tags">
          <div className="max-w-3xl">
            <KeyValueTable caption={`Tags of ${model.name}`} rows={model.tags} keyLabel="Tag" empty="This model has no tags." />
          </div>
        </PageSection>
      </div>
    ),
  );
}
