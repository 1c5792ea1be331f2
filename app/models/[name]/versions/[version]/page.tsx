import type { Metadata } from "next";
import { renderVerb } from "@/app/_components/verb-page";
import { KeyValueTable } from "@/components/data/key-value-table";
import { AsOf } from "@/components/feedback/as-of";
import { Breadcrumbs } from "@/components/mlflow/breadcrumbs";
import { UntrustedMarkdown } from "@/components/mlflow/untrusted-markdown";
import { AliasBadges } from "@/components/registry/alias-badges";
import { ChampionComparison } from "@/components/registry/champion-comparison";
import { LineageFlow } from "@/components/registry/lineage-flow";
import { requirePageContext } from "@/lib/auth/request-context";
import { metricDirections } from "@/lib/domain/version-comparison";
import { readPolicyMetrics } from "@/lib/policy/read-policy";
import { readVersionPromotion } from "@/lib/promotions/read-version-promotion";
import { readVersionLineage } from "@/lib/registry/read-version-lineage";
import { requestServices } from "@/lib/services/request-services";
import { startRead } from "@/lib/services/start-read";
import { modelHref, segmentText, versionHref } from "@/lib/ui/mlflow-links";
import { PromotionSection } from "./promotion-section";
import { PageSection } from "@/components/layout/page-section";

type Params = Promise<{ name: string; version: string }>;

async function segments(params: Params) {
  const raw = await params;
  return { name: segmentText(raw.name), version: segmentText(raw.version) };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name, version } = await segments(params);
  return { title: `${name} version ${version}` };
}

export default async function VersionPage({ params }: { params: Params }) {
  const { name, version } = await segments(params);
  const ctx = await requirePageContext(versionHref(name, version));
  const services = await requestServices();
  // The promotion part reads beside the lineage (sharing its cached MLflow reads), not after it.
  const promotion = startRead(readVersionPromotion(ctx, { model: name, version }, services));
  return renderVerb(
    // Better or worse is judged in the directions the current promotion policy gives its metrics.
    () => Promise.all([readVersionLineage(ctx, { name, version }, services), readPolicyMetrics(ctx, {}, services)]),
    ([lineage, policy]) => (
      <div className="space-y-8">
        <div className="space-y-2">
          <Breadcrumbs
            trail={[
              { label: "Models", href: "/models" },
              { label: lineage.name, href: modelHref(lineage.name) },
            ]}
          />
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
            <span className="break-all">
              {lineage.name} version {lineage.version}
            </span>
            {lineage.aliases.length > 0 && <AliasBadges aliases={lineage.aliases} />}
          </h1>
          {lineage.description && <UntrustedMarkdown text={lineage.description} className="max-w-3xl text-sm" />}
          <AsOf source="MLflow" asOf={lineage.asOf} staleBecause={lineage.staleBecause} />
        </div>

        <PageSection id="lineage" title="Lineage" className="space-y-3">
          <p className="text-sm text-ink-muted">From the data the model was trained on to the Azure ML deployments serving it. Each step links to its own page.</p>
          <LineageFlow lineage={lineage} />
        </PageSection>

        <PageSection id="comparison" title="Compared with the champion" className="space-y-3">
          <ChampionComparison name={lineage.name} version={lineage.version} champion={lineage.champion} directions={metricDirections(policy.rules)} />
        </PageSection>

        <PromotionSection model={lineage.name} version={lineage.version} promotion={promotion} />

        <PageSection id="version-tags" title="Version tags">
          <div className="max-w-3xl">
            <KeyValueTable caption={`Tags of ${lineage.name} version ${lineage.version}`} rows={lineage.tags} keyLabel="Tag" empty="This version has no tags." />
          </div>
        </PageSection>
      </div>
    ),
  );
}
